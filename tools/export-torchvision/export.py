#!/usr/bin/env python3
"""Export a torchvision ImageNet backbone to ONNX for @patchcore/backbone.

Writes <out-dir>/<name>.onnx with one input `image` [batch, 3, height, width] and the outputs
`layer2` (stride 8) and `layer3` (stride 16), the stage outputs PatchCore reads (SPEC 1.3).
Batch, height and width are dynamic. ImageNet mean/std go into the metadata
(`patchcore.normalization`), which loadBackbone() reads.

Needs PyTorch, torchvision and onnx (tested layout: torch >= 1.13, torchvision >= 0.14):
    pip install torch torchvision onnx
    python tools/export-torchvision/export.py wideresnet50 resnet18 [--out-dir models]
"""
import argparse
import json
import pathlib

import onnx
import torch
import torchvision

IMAGENET = {"mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]}
# Project name -> torchvision builder; IMAGENET1K_V1 is what `pretrained=True` gave the reference.
BUILDERS = {"wideresnet50": "wide_resnet50_2", "resnet18": "resnet18"}
REPO_MODELS = pathlib.Path(__file__).resolve().parents[2] / "models"


class StageOutputs(torch.nn.Module):
    """The network up to layer3, returning the outputs of layer2 and layer3."""

    def __init__(self, net: torch.nn.Module):
        super().__init__()
        self.stem = torch.nn.Sequential(net.conv1, net.bn1, net.relu, net.maxpool, net.layer1)
        self.layer2 = net.layer2
        self.layer3 = net.layer3

    def forward(self, image: torch.Tensor):
        layer2 = self.layer2(self.stem(image))
        return layer2, self.layer3(layer2)


def export(name: str, out_dir: pathlib.Path, opset: int) -> pathlib.Path:
    builder = getattr(torchvision.models, BUILDERS[name])
    model = StageOutputs(builder(weights="IMAGENET1K_V1")).eval()
    path = out_dir / f"{name}.onnx"
    dynamic = {0: "batch", 2: "height", 3: "width"}
    with torch.no_grad():
        torch.onnx.export(
            model,
            torch.zeros(1, 3, 224, 224),
            str(path),
            input_names=["image"],
            output_names=["layer2", "layer3"],
            dynamic_axes={"image": dynamic, "layer2": dynamic, "layer3": dynamic},
            opset_version=opset,
            do_constant_folding=True,
        )
    proto = onnx.load(str(path))
    onnx.helper.set_model_props(
        proto,
        {
            "patchcore.backbone": name,
            "patchcore.layers": "layer2,layer3",
            "patchcore.normalization": json.dumps(IMAGENET),
            "patchcore.layout": "NCHW",
            "source": f"torchvision {torchvision.__version__} {BUILDERS[name]} IMAGENET1K_V1",
        },
    )
    onnx.checker.check_model(proto)
    onnx.save(proto, str(path))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="+", choices=sorted(BUILDERS))
    parser.add_argument("--out-dir", type=pathlib.Path, default=REPO_MODELS)
    parser.add_argument("--opset", type=int, default=13)
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for name in args.names:
        print(f"wrote {export(name, args.out_dir, args.opset)}")


if __name__ == "__main__":
    main()
