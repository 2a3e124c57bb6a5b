"""This computer's keys: one to sign what it sends (Ed25519), one to receive encrypted files (X25519).

Keys are kept and exchanged as base64 text of their raw 32 bytes, the form stored in the database
and shown (as a fingerprint) to compare over the phone. Only the public halves ever leave the
computer.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

KEY_BYTES = 32
SIGNATURE_BYTES = 64


def encode(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def decode(text: str, length: int) -> bytes:
    """The raw bytes behind base64 ``text``; ValueError unless it is exactly the base64 of ``length`` bytes.

    Only the one canonical spelling is accepted, so that comparing two keys as text is the same
    as comparing the keys.
    """
    if not isinstance(text, str):
        raise ValueError("a key or signature is written as base64 text")
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("not base64 text") from None
    if len(raw) != length or encode(raw) != text:
        raise ValueError(f"not the base64 of {length} bytes")
    return raw


def decode_key(text: str) -> bytes:
    """The 32 raw bytes of a base64 key; ValueError for anything else."""
    return decode(text, KEY_BYTES)


@dataclass(frozen=True)
class KeyPair:
    """This computer's private keys, base64 of the raw 32-byte keys."""

    # Never shown in a repr: a traceback or a log line must not leak them.
    signing_key: str = field(repr=False)  # Ed25519 private
    box_key: str = field(repr=False)      # X25519 private

    def __post_init__(self) -> None:
        decode_key(self.signing_key)
        decode_key(self.box_key)

    @property
    def public_key(self) -> str:
        """The Ed25519 public key others check this computer's signatures with."""
        public = self._signer().public_key()
        return encode(public.public_bytes(Encoding.Raw, PublicFormat.Raw))

    @property
    def box_public(self) -> str:
        """The X25519 public key others encrypt files for this computer with."""
        public = self.box_private().public_key()
        return encode(public.public_bytes(Encoding.Raw, PublicFormat.Raw))

    def box_private(self) -> X25519PrivateKey:
        """The X25519 private key, to open files encrypted for this computer."""
        return X25519PrivateKey.from_private_bytes(decode_key(self.box_key))

    def _signer(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(decode_key(self.signing_key))


def _raw_private(key: Ed25519PrivateKey | X25519PrivateKey) -> str:
    return encode(key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()))


def generate() -> KeyPair:
    """Fresh keys for a computer joining a study."""
    return KeyPair(_raw_private(Ed25519PrivateKey.generate()), _raw_private(X25519PrivateKey.generate()))


def sign(keys: KeyPair, data: bytes) -> str:
    """The base64 Ed25519 signature of ``data``."""
    return encode(keys._signer().sign(data))


def verify(public_key: str, data: bytes, signature: str) -> bool:
    """Whether ``signature`` is ``public_key``'s signature of ``data``.

    False on any malformed input (a damaged key, signature or file must read as "not signed by
    them", never crash the import that asks).
    """
    try:
        verifier = Ed25519PublicKey.from_public_bytes(decode_key(public_key))
        verifier.verify(decode(signature, SIGNATURE_BYTES), data)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
