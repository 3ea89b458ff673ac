"""Keep the sentence model's embedding tables int8 in memory: a small edit of the ONNX graph.

Why: the pinned MiniLM file stores its weights as int8 with a float scale and turns them
back into float32 inside the graph (`Cast` then `Mul`). onnxruntime folds those constants at
load, so the 30522-word embedding table alone becomes 47 MB of float32 for a lookup that
reads ~700 of its rows per answer. Here the lookups read the int8 table and its per-row
scales, and only the rows looked up are turned into float32: the same numbers, exactly
(a row times its scale either way), for 12 MB instead of 47. The matrix weights are left as
they are: folded to float32 they run on the fast float kernels, and any int8 kernel either
changes the vectors (it quantizes the activations too) or is slower.

How, without the `onnx` package: an ONNX file is a protobuf message, and `protobuf` is
installed wherever onnxruntime is (it is one of its requirements). The few fields this edit
reads are declared below with their field numbers from onnx.proto (IR version 10); every
other field is carried through untouched as an unknown field. The edited bytes live only
for the load: `audio.sentence_model` writes them to a temporary folder that is removed as
soon as the session exists (a session made from bytes would keep them for its life).
"""

from __future__ import annotations

from functools import lru_cache

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.message import DecodeError

# TensorProto.DataType.FLOAT and AttributeProto.AttributeType.INT in onnx.proto.
_FLOAT = 1
_INT = 2

# (message, [(field name, number, type, repeated, message type)]) from onnx.proto.
_STRING = descriptor_pb2.FieldDescriptorProto.TYPE_STRING
_INT64 = descriptor_pb2.FieldDescriptorProto.TYPE_INT64
_INT32 = descriptor_pb2.FieldDescriptorProto.TYPE_INT32
_MESSAGE = descriptor_pb2.FieldDescriptorProto.TYPE_MESSAGE
_SUBSET = [
    ("ModelProto", [("graph", 7, _MESSAGE, False, "GraphProto")]),
    ("GraphProto", [("node", 1, _MESSAGE, True, "NodeProto")]),
    ("NodeProto", [("input", 1, _STRING, True, None), ("output", 2, _STRING, True, None),
                   ("name", 3, _STRING, False, None), ("op_type", 4, _STRING, False, None),
                   ("attribute", 5, _MESSAGE, True, "AttributeProto"),
                   ("domain", 7, _STRING, False, None)]),
    ("AttributeProto", [("name", 1, _STRING, False, None), ("i", 3, _INT64, False, None),
                        ("type", 20, _INT32, False, None)]),
]


@lru_cache(maxsize=1)
def _model_class():
    """The ModelProto class of the subset (built once; its own descriptor pool)."""
    proto = descriptor_pb2.FileDescriptorProto(name="micdrop_onnx_subset.proto",
                                               package="micdrop_onnx", syntax="proto2")
    label = descriptor_pb2.FieldDescriptorProto
    for name, fields in _SUBSET:
        message = proto.message_type.add(name=name)
        for field, number, kind, repeated, type_name in fields:
            message.field.add(name=field, number=number, type=kind,
                              label=label.LABEL_REPEATED if repeated else label.LABEL_OPTIONAL,
                              type_name=f".micdrop_onnx.{type_name}" if type_name else None)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("micdrop_onnx.ModelProto"))


def int8_lookups(model_bytes: bytes) -> bytes:
    """The model with every table lookup (`Gather`) of a dequantized int8 table reading the
    int8 table instead, the looked-up rows dequantized after; raises ValueError when the
    graph has no such lookup or the bytes are not an ONNX model."""
    try:
        model = _model_class().FromString(model_bytes)
    except DecodeError as error:
        raise ValueError(f"not an ONNX model: {error}") from error
    nodes = list(model.graph.node)
    dequantized = _dequantized_tables(nodes)
    edited, dead = [], set()
    for node in nodes:
        if node.op_type == "Gather" and node.input[0] in dequantized:
            cast, mul = dequantized[node.input[0]]
            dead.update((id(cast), id(mul)))
            edited += _int8_lookup(node, table=cast.input[0], scale=mul.input[1])
        else:
            edited.append(node)
    if not dead:
        raise ValueError("no lookup of a dequantized int8 table in this model")
    edited = _without_unused(edited, dead)
    del model.graph.node[:]
    model.graph.node.extend(edited)
    return model.SerializeToString()


def _dequantized_tables(nodes: list) -> dict[str, tuple]:
    """Float tables made as Mul(Cast(int8 table), per-row scale) -> (that Cast, that Mul)."""
    casts = {n.output[0]: n for n in nodes if n.op_type == "Cast" and len(n.input) == 1}
    return {n.output[0]: (casts[n.input[0]], n) for n in nodes
            if n.op_type == "Mul" and n.input[0] in casts}


def _int8_lookup(gather, table: str, scale: str) -> list:
    """Gather rows of the int8 table and of its scales, then Cast and Mul: the same rows."""
    node_class = type(gather)
    out, ids = gather.output[0], gather.input[1]
    axis = [a for a in gather.attribute if a.name == "axis"]
    if axis and axis[0].i != 0:
        raise ValueError(f"{gather.name}: only row lookups (axis 0) are rewritten")

    def make(op: str, inputs: list[str], output: str, **ints: int):
        node = node_class(op_type=op, name=f"{output}_node", input=inputs, output=[output])
        for key, value in ints.items():
            node.attribute.add(name=key, i=value, type=_INT)
        return node

    return [make("Gather", [table, ids], f"{out}_int8", axis=0),
            make("Cast", [f"{out}_int8"], f"{out}_rows", to=_FLOAT),
            make("Gather", [scale, ids], f"{out}_scales", axis=0),
            make("Mul", [f"{out}_rows", f"{out}_scales"], out)]


def _without_unused(nodes: list, candidates: set[int]) -> list:
    """`nodes` less the candidates nothing reads any more (a Mul first, then its Cast)."""
    while True:
        read = {name for n in nodes for name in n.input}
        unused = {id(n) for n in nodes
                  if id(n) in candidates and not any(o in read for o in n.output)}
        if not unused:
            return nodes
        nodes = [n for n in nodes if id(n) not in unused]
