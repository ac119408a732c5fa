"""``glassnet export``: a saved model in another format (ONNX), to serve it outside Python."""

from __future__ import annotations

import argparse

from glassnet.atomic import check_save_path
from glassnet.network import NeuralNetwork


def cmd_export(args: argparse.Namespace) -> int:
    from glassnet.export import ONNX_OPSET

    check_save_path(args.onnx)  # a bad output path is said before any work, as train --out does
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
