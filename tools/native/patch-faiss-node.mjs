// Patches faiss-node 0.5.1's src/faiss.cc (path given as the only argument) in place, for the
// project's own build of the addon. Every edit is anchored on a short snippet that must occur
// the expected number of times, so a changed upstream source fails loudly instead of building
// something half-patched. What the patch adds, and why (figures in packages/memory-bank/README.md):
//
//   1. add, train and search also accept a Float32Array and read it in place (zero copy). The
//      plain-Array path is untouched. Upstream converts element by element through N-API at
//      about 120-240 ns per float: 5 s to add 20,000 x 1024 rows.
//   2. search on a Float32Array returns { distances: Float32Array, labels: Int32Array }, filled
//      in C++, instead of two plain Arrays built one napi_value at a time.
//   3. Every faiss call that can throw (add, train, search, write, setParameter) is wrapped, so
//      a FaissException becomes a JavaScript Error. Upstream lets it escape, which aborts Node
//      (e.g. add on an untrained IVF index, add on an IDMap index).
//   4. toBuffer and fromBuffer no longer leak their faiss::VectorIOWriter / VectorIOReader.
//   5. New: index.setParameter(name, value) (faiss ParameterSpace: nprobe, efSearch, ...) and
//      a module-level `patchcore` object: { abi, setNumThreads(n), getNumThreads() }. The
//      thread count drives both OpenMP and OpenBLAS, so it can change after the addon loaded.
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node patch-faiss-node.mjs <faiss-node>/src/faiss.cc');
  process.exit(2);
}
let source = readFileSync(file, 'utf8');

/** Replaces `anchor` (which must occur exactly `count` times) by `replacement`. */
function edit(anchor, replacement, count = 1) {
  const found = source.split(anchor).length - 1;
  if (found !== count) {
    console.error(
      `patch-faiss-node: expected ${count} x ${JSON.stringify(anchor)}, found ${found}`,
    );
    process.exit(1);
  }
  source = source.split(anchor).join(replacement);
}

if (source.includes('PATCHCORE_ABI')) {
  console.error('patch-faiss-node: source is already patched');
  process.exit(0);
}

// Header additions.
edit(
  '#include <faiss/impl/IDSelector.h>\n',
  `#include <faiss/impl/IDSelector.h>
#include <faiss/AutoTune.h>
#include <omp.h>
#include <climits>
#include <memory>
#include <vector>

// Added by the PatchCore project's build (tools/native/patch-faiss-node.mjs).
#define PATCHCORE_ABI 1
extern "C" void openblas_set_num_threads(int);
`,
);

// 1-3: the upstream Array versions keep their bodies under new names; new dispatchers take over.
edit(
  'Napi::Value add(const Napi::CallbackInfo &info)',
  'Napi::Value addArray(const Napi::CallbackInfo &info)',
);
edit(
  'Napi::Value train(const Napi::CallbackInfo &info)',
  'Napi::Value trainArray(const Napi::CallbackInfo &info)',
);
edit(
  'Napi::Value search(const Napi::CallbackInfo &info)',
  'Napi::Value searchArray(const Napi::CallbackInfo &info)',
);

edit(
  '    faiss::write_index(index_.get(), fname.c_str());\n',
  `    try
    {
      faiss::write_index(index_.get(), fname.c_str());
    }
    catch (const std::exception &ex)
    {
      Napi::Error::New(env, ex.what()).ThrowAsJavaScriptException();
    }
`,
);

// 4: the leaked reader and writer.
edit(
  'faiss::VectorIOWriter *writer = new faiss::VectorIOWriter();',
  'auto writerOwner = std::make_unique<faiss::VectorIOWriter>();\n    faiss::VectorIOWriter *writer = writerOwner.get();',
);
edit(
  'faiss::VectorIOReader *reader = new faiss::VectorIOReader();',
  'auto readerOwner = std::make_unique<faiss::VectorIOReader>();\n    faiss::VectorIOReader *reader = readerOwner.get();',
);

const methods = String.raw`
  // --- PatchCore additions -------------------------------------------------------------------
  // A Float32Array argument is read in place; anything else goes to the upstream Array path.
  static bool float32View(const Napi::Value &value, const float **data, size_t *length)
  {
    if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array)
    {
      return false;
    }
    Napi::Float32Array view = value.As<Napi::Float32Array>();
    *data = view.Data();
    *length = view.ElementLength();
    return true;
  }

  bool rowCount(Napi::Env env, size_t length, idx_t *rows)
  {
    if (index_->d <= 0 || length % static_cast<size_t>(index_->d) != 0)
    {
      Napi::Error::New(env, "Invalid the given array length: " + std::to_string(length) +
                                " is not a multiple of the dimension " + std::to_string(index_->d) + ".")
          .ThrowAsJavaScriptException();
      return false;
    }
    *rows = static_cast<idx_t>(length / index_->d);
    return true;
  }

  Napi::Value add(const Napi::CallbackInfo &info)
  {
    Napi::Env env = info.Env();
    const float *data;
    size_t length;
    idx_t rows;
    try
    {
      if (info.Length() != 1 || !float32View(info[0], &data, &length))
      {
        return addArray(info);
      }
      if (!rowCount(env, length, &rows))
      {
        return env.Undefined();
      }
      index_->add(rows, data);
    }
    catch (const Napi::Error &)
    {
      throw;
    }
    catch (const std::exception &ex)
    {
      Napi::Error::New(env, ex.what()).ThrowAsJavaScriptException();
    }
    return env.Undefined();
  }

  Napi::Value train(const Napi::CallbackInfo &info)
  {
    Napi::Env env = info.Env();
    const float *data;
    size_t length;
    idx_t rows;
    try
    {
      if (info.Length() != 1 || !float32View(info[0], &data, &length))
      {
        return trainArray(info);
      }
      if (!rowCount(env, length, &rows))
      {
        return env.Undefined();
      }
      index_->train(rows, data);
    }
    catch (const Napi::Error &)
    {
      throw;
    }
    catch (const std::exception &ex)
    {
      Napi::Error::New(env, ex.what()).ThrowAsJavaScriptException();
    }
    return env.Undefined();
  }

  Napi::Value search(const Napi::CallbackInfo &info)
  {
    Napi::Env env = info.Env();
    const float *data;
    size_t length;
    idx_t rows;
    try
    {
      if (info.Length() != 2 || !float32View(info[0], &data, &length))
      {
        return searchArray(info);
      }
      if (!info[1].IsNumber())
      {
        Napi::TypeError::New(env, "Invalid the second argument type, must be a Number.").ThrowAsJavaScriptException();
        return env.Undefined();
      }
      const int64_t k = info[1].As<Napi::Number>().Int64Value();
      if (k < 1 || k > index_->ntotal || index_->ntotal > INT32_MAX)
      {
        Napi::Error::New(env, "Invalid the number of k: " + std::to_string(k) + " (must be in [1, ntotal = " +
                                  std::to_string(index_->ntotal) + "]).")
            .ThrowAsJavaScriptException();
        return env.Undefined();
      }
      if (!rowCount(env, length, &rows))
      {
        return env.Undefined();
      }
      const size_t count = static_cast<size_t>(rows) * static_cast<size_t>(k);
      Napi::Float32Array distances = Napi::Float32Array::New(env, count);
      Napi::Int32Array labels = Napi::Int32Array::New(env, count);
      std::vector<idx_t> wide(count);
      index_->search(rows, data, k, distances.Data(), wide.data());
      int32_t *narrow = labels.Data();
      for (size_t i = 0; i < count; i++)
      {
        narrow[i] = static_cast<int32_t>(wide[i]);
      }
      Napi::Object results = Napi::Object::New(env);
      results.Set("distances", distances);
      results.Set("labels", labels);
      return results;
    }
    catch (const Napi::Error &)
    {
      throw;
    }
    catch (const std::exception &ex)
    {
      Napi::Error::New(env, ex.what()).ThrowAsJavaScriptException();
    }
    return env.Undefined();
  }

  Napi::Value setParameter(const Napi::CallbackInfo &info)
  {
    Napi::Env env = info.Env();
    if (info.Length() != 2 || !info[0].IsString() || !info[1].IsNumber())
    {
      Napi::TypeError::New(env, "Expected (name: string, value: number).").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    try
    {
      faiss::ParameterSpace().set_index_parameter(index_.get(), info[0].As<Napi::String>().Utf8Value(),
                                                  info[1].As<Napi::Number>().DoubleValue());
    }
    catch (const std::exception &ex)
    {
      Napi::Error::New(env, ex.what()).ThrowAsJavaScriptException();
    }
    return env.Undefined();
  }

protected:
  std::unique_ptr<faiss::Index> index_;`;
edit('\nprotected:\n  std::unique_ptr<faiss::Index> index_;', methods);

// Register setParameter on the three classes.
for (const name of ['Index', 'IndexFlatL2', 'IndexFlatIP']) {
  edit(
    `InstanceMethod("toBuffer", &${name}::toBuffer),`,
    `InstanceMethod("toBuffer", &${name}::toBuffer),\n      InstanceMethod("setParameter", &${name}::setParameter),`,
  );
}

// 5: module-level thread control and ABI marker.
edit(
  'Napi::Object Init(Napi::Env env, Napi::Object exports)\n{',
  String.raw`static Napi::Value patchcoreSetNumThreads(const Napi::CallbackInfo &info)
{
  Napi::Env env = info.Env();
  if (info.Length() != 1 || !info[0].IsNumber() || info[0].As<Napi::Number>().Int32Value() < 1)
  {
    Napi::TypeError::New(env, "Expected a thread count >= 1.").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  const int threads = info[0].As<Napi::Number>().Int32Value();
  omp_set_num_threads(threads);
  openblas_set_num_threads(threads);
  return env.Undefined();
}

static Napi::Value patchcoreGetNumThreads(const Napi::CallbackInfo &info)
{
  return Napi::Number::New(info.Env(), omp_get_max_threads());
}

Napi::Object Init(Napi::Env env, Napi::Object exports)
{
  Napi::Object patchcore = Napi::Object::New(env);
  patchcore.Set("abi", Napi::Number::New(env, PATCHCORE_ABI));
  patchcore.Set("setNumThreads", Napi::Function::New(env, patchcoreSetNumThreads));
  patchcore.Set("getNumThreads", Napi::Function::New(env, patchcoreGetNumThreads));
  exports.Set("patchcore", patchcore);`,
);

writeFileSync(file, source);
console.error(
  'patch-faiss-node: applied (Float32Array zero-copy, exception guards, setParameter, threads)',
);
