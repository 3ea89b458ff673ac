"""MicDrop package: sound in and out, and speech to text.

Importing it keeps the speech libraries off the network (see `audio.offline`): this runs
before any module here can import faster-whisper, onnxruntime or huggingface_hub.
"""

from audio.offline import keep_offline

keep_offline()
