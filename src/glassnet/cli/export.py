"""``glassnet export``: a saved model in another format (ONNX), to serve it outside Python."""

from __future__ import annotations

import argparse
from pathlib import Path

from glassnet.cli.common import check_output_file
from glassnet.network import NeuralNetwork


def cmd_export(args: argparse.Namespace) -> int:
    from glassnet.export import ONNX_OPSET

    check_output_file(args.onnx, "--onnx", reads={"the model glassnet export reads": args.model},
                      example=f"{Path(args.model).stem or 'model'}.onnx")  # before any work, as train --out
    net = NeuralNetwork.load(args.model)
    path = net.to_onnx(args.onnx)
    print(net)
    print(f"ONNX model written to {path} (opset {ONNX_OPSET}): input X (batch, {net.sizes[0]}), "
          f"output A (batch, {net.sizes[-1]}), {net.dtype.name}")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``export`` to the ``glassnet`` command."""
    export = commands.add_parser("export", help="write a saved model as ONNX (needs the onnx extra)")
    export.add_argument("model", help="a model file written by glassnet train --out (or NeuralNetwork.save)")
    export.add_argument("--onnx", required=True, metavar="FILE", help="the ONNX file to write")
    export.set_defaults(run=cmd_export)
