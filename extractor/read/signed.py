"""Signed envelopes (.p7m, CAdES): the content signed inside them, and who signed it.

An envelope is a CMS SignedData with the content attached, as DER (or BER, as streaming signers write it), as
base64, or as PEM; envelopes may be nested (``.pdf.p7m.p7m``). The ASN.1 is read by a small reader of our own
that never recurses and caps nesting and element count, so a hostile file costs bounded time. A signature is
called verified only when it was checked cryptographically against the content; the signer's certificate is
never checked against a trust list, and the network is never contacted (no OCSP, no CRL).

Every failure leaves as a ``PattiError``, except ``MemoryError``, which is the process's own limit speaking and
is left to the caller.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa

from extractor.document import Signature
from extractor.errors import ErrorCode, PattiError

MAX_DEPTH = 4
MAX_BYTES = 200 * 1024 * 1024
VERIFIED = "signature matches the content; signer's certificate not checked against a trust list"

# Real envelopes nest about a dozen levels deep; a hostile one could nest millions.
_MAX_NESTING = 64
# Streaming signers cut the content into chunks of 1 to 4 KiB: 200 MiB is 50 000 to 200 000 elements.
_MAX_ELEMENTS = 1_000_000
# Enough of a head to see a ContentInfo's first bytes, even after PEM armour and line breaks.
_SNIFF_BYTES = 512

_SIGNED_DATA = bytes.fromhex("2a864886f70d010702")  # 1.2.840.113549.1.7.2
_SIGNED_DATA_TLV = b"\x06\x09" + _SIGNED_DATA
_PEM_BEGIN = re.compile(rb"-----BEGIN (?:PKCS7|CMS|PKCS #7 SIGNED DATA)-----")
_PEM_END = b"-----END "
_SPACE = b" \t\r\n\v\f"
_BOM_AND_SPACE = b"\xef\xbb\xbf" + _SPACE

# Tags (identifier octets) of the few universal types the envelope uses.
_INTEGER, _OCTETS, _OID, _SEQUENCE, _SET = 0x02, 0x04, 0x06, 0x30, 0x31
_OCTETS_CONSTRUCTED, _CTX0, _CTX1, _CTX3, _CTX0_PRIMITIVE = 0x24, 0xA0, 0xA1, 0xA3, 0x80
_UTC_TIME, _GENERALIZED_TIME = 0x17, 0x18

_SIGNING_TIME = "1.2.840.113549.1.9.5"
_MESSAGE_DIGEST = "1.2.840.113549.1.9.4"
_SUBJECT_KEY_ID = "2.5.29.14"
_CN, _SURNAME, _GIVEN_NAME, _O = "2.5.4.3", "2.5.4.4", "2.5.4.42", "2.5.4.10"
_MGF1 = "1.2.840.113549.1.1.8"

_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "1.3.14.3.2.26": hashes.SHA1,
    "2.16.840.1.101.3.4.2.4": hashes.SHA224,
    "2.16.840.1.101.3.4.2.1": hashes.SHA256,
    "2.16.840.1.101.3.4.2.2": hashes.SHA384,
    "2.16.840.1.101.3.4.2.3": hashes.SHA512,
    "2.16.840.1.101.3.4.2.7": hashes.SHA3_224,
    "2.16.840.1.101.3.4.2.8": hashes.SHA3_256,
    "2.16.840.1.101.3.4.2.9": hashes.SHA3_384,
    "2.16.840.1.101.3.4.2.10": hashes.SHA3_512,
}
# Signature algorithms: (family, the hash they name, or None for "the signer's digest algorithm").
_RSA, _PSS, _ECDSA, _EDDSA = "rsa", "rsa-pss", "ecdsa", "eddsa"
_SIGNATURES: dict[str, tuple[str, type[hashes.HashAlgorithm] | None]] = {
    "1.2.840.113549.1.1.1": (_RSA, None),
    "1.2.840.113549.1.1.5": (_RSA, hashes.SHA1),
    "1.2.840.113549.1.1.14": (_RSA, hashes.SHA224),
    "1.2.840.113549.1.1.11": (_RSA, hashes.SHA256),
    "1.2.840.113549.1.1.12": (_RSA, hashes.SHA384),
    "1.2.840.113549.1.1.13": (_RSA, hashes.SHA512),
    "2.16.840.1.101.3.4.3.13": (_RSA, hashes.SHA3_224),
    "2.16.840.1.101.3.4.3.14": (_RSA, hashes.SHA3_256),
    "2.16.840.1.101.3.4.3.15": (_RSA, hashes.SHA3_384),
    "2.16.840.1.101.3.4.3.16": (_RSA, hashes.SHA3_512),
    "1.2.840.113549.1.1.10": (_PSS, None),
    "1.2.840.10045.2.1": (_ECDSA, None),
    "1.2.840.10045.4.1": (_ECDSA, hashes.SHA1),
    "1.2.840.10045.4.3.1": (_ECDSA, hashes.SHA224),
    "1.2.840.10045.4.3.2": (_ECDSA, hashes.SHA256),
    "1.2.840.10045.4.3.3": (_ECDSA, hashes.SHA384),
    "1.2.840.10045.4.3.4": (_ECDSA, hashes.SHA512),
    "2.16.840.1.101.3.4.3.9": (_ECDSA, hashes.SHA3_224),
    "2.16.840.1.101.3.4.3.10": (_ECDSA, hashes.SHA3_256),
    "2.16.840.1.101.3.4.3.11": (_ECDSA, hashes.SHA3_384),
    "2.16.840.1.101.3.4.3.12": (_ECDSA, hashes.SHA3_512),
    "1.3.101.112": (_EDDSA, None),
    "1.3.101.113": (_EDDSA, None),
}
# Names for the refusal message of algorithms still met in old files.
_NAMES = {
    "1.2.840.113549.2.5": "md5",
    "1.2.840.113549.1.1.4": "md5WithRSAEncryption",
    "1.2.840.10040.4.1": "dsa",
    "1.2.840.10040.4.3": "dsa-with-sha1",
    "2.16.840.1.101.3.4.3.2": "dsa-with-sha256",
}

# Italian personal identifiers a certificate's subject may carry: fiscal codes (with omocodia letters),
# the ETSI "TINIT-"/"VATIT-" forms of the serialNumber attribute, and the old CNIPA "IT:" prefix.
_IDENTIFIER = re.compile(
    r"\b(?:(?:TIN|VAT)IT-\S+|IT:\S+|[A-Z]{6}[0-9LMNP-V]{2}[ABCDEHLMPRST][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z])",
    re.I,
)


@dataclass(frozen=True)
class Unwrapped:
    """The innermost signed content and the signers of every envelope around it, outermost first."""

    content: bytes
    signatures: tuple[Signature, ...]


def is_signed(data: bytes) -> bool:
    """True when ``data`` starts like a CMS signedData envelope: DER/BER, base64 of it, or PEM."""
    head = data[:_SNIFF_BYTES]
    if _starts_signed_data(head):
        return True
    text = _base64_text(head.lstrip(_BOM_AND_SPACE))
    if not text.startswith(b"MI"):  # base64 of 0x30 and a long-form or indefinite length (0x80..0x8F)
        return False
    chars = text.translate(None, _SPACE)[:64]
    chars = chars[: len(chars) // 4 * 4]
    try:
        return _starts_signed_data(base64.b64decode(chars, validate=True))
    except binascii.Error:
        return False


def unwrap(data: bytes, max_depth: int = MAX_DEPTH, max_bytes: int = MAX_BYTES) -> Unwrapped:
    """Open the envelope(s) around ``data``: the innermost content and every signer, outermost first."""
    try:
        return _unwrap(data, max_depth, max_bytes)
    except (PattiError, MemoryError):
        raise
    except RecursionError as exc:
        raise PattiError(ErrorCode.SIGNED_INVALID, "nested too deeply") from exc
    except (ValueError, IndexError, OverflowError) as exc:
        raise PattiError(ErrorCode.SIGNED_INVALID, f"{type(exc).__name__}: {exc}"[:300]) from exc
    except Exception as exc:
        raise PattiError(ErrorCode.INTERNAL, f"{type(exc).__name__}: {exc}"[:300]) from exc


def _unwrap(data: bytes, max_depth: int, max_bytes: int) -> Unwrapped:
    signatures: list[Signature] = []
    current = data
    depth = 0
    while True:
        if len(current) > max_bytes:
            raise PattiError(ErrorCode.TOO_LARGE, f"signed envelope of {len(current)} bytes, limit {max_bytes}")
        depth += 1
        if depth > max_depth:
            raise PattiError(ErrorCode.SIGNED_TOO_DEEP, f"more than {max_depth} envelopes")
        current, signers = _open(_decode(current), max_bytes)
        signatures.extend(signers)
        if not is_signed(current):
            return Unwrapped(content=current, signatures=tuple(signatures))


def _starts_signed_data(head: bytes) -> bool:
    """A SEQUENCE whose first element is the signedData OID: the start of a signed ContentInfo."""
    if len(head) < 2 or head[0] != _SEQUENCE:
        return False
    first = head[1]
    if first <= 0x80:  # short form, or indefinite
        offset = 2
    elif first <= 0x84:
        offset = 2 + (first & 0x7F)
    else:
        return False
    return head[offset : offset + len(_SIGNED_DATA_TLV)] == _SIGNED_DATA_TLV


def _base64_text(text: bytes) -> bytes:
    """The base64 inside PEM armour (the END line may be missing from a head), or ``text`` as it is."""
    armour = _PEM_BEGIN.match(text)
    if not armour:
        return text
    end = text.find(_PEM_END, armour.end())
    return text[armour.end() : end if end >= 0 else len(text)].lstrip(_SPACE)


def _decode(data: bytes) -> bytes:
    """The DER (or BER) bytes of an envelope given as DER, base64 or PEM."""
    if data[:1] == bytes([_SEQUENCE]):
        return data
    chars = _base64_text(data.strip(_BOM_AND_SPACE)).translate(None, _SPACE)
    chars += b"=" * (-len(chars) % 4)  # some writers drop the padding
    try:
        der = base64.b64decode(chars, validate=True)
    except binascii.Error as exc:
        raise PattiError(ErrorCode.SIGNED_INVALID, "neither DER nor base64 of it") from exc
    if der[:1] != bytes([_SEQUENCE]):
        raise PattiError(ErrorCode.SIGNED_INVALID, "the base64 does not hold a DER envelope")
    return der


# ---------------------------------------------------------------- a bounded BER reader


def _invalid(detail: str) -> PattiError:
    return PattiError(ErrorCode.SIGNED_INVALID, detail)


@dataclass(frozen=True, slots=True)
class _Node:
    """One element: its identifier octet, where its header and content start, and where it ends."""

    tag: int
    start: int
    body: int
    end: int  # past the content, and past the end-of-contents octets of an indefinite length
    indefinite: bool

    @property
    def constructed(self) -> bool:
        return bool(self.tag & 0x20)

    @property
    def content_end(self) -> int:
        return self.end - 2 if self.indefinite else self.end


class _Reader:
    """Elements of one BER buffer, read on demand without recursion, with a budget of elements."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._budget = _MAX_ELEMENTS
        self._ends: dict[int, int] = {}  # ends of indefinite-length elements already walked

    def node(self, pos: int, limit: int) -> _Node:
        tag, body, length = self._header(pos, limit)
        if length is not None:
            return _Node(tag, pos, body, body + length, False)
        end = self._ends.get(pos)
        return _Node(tag, pos, body, end if end is not None else self._walk(pos, body, limit), True)

    def children(self, node: _Node) -> list[_Node]:
        if not node.constructed:
            raise _invalid(f"expected a constructed element at offset {node.start}")
        out: list[_Node] = []
        pos, limit = node.body, node.content_end
        while pos < limit:
            child = self.node(pos, limit)
            out.append(child)
            pos = child.end
        return out

    def raw(self, node: _Node) -> bytes:
        return self.data[node.start : node.end]

    def value(self, node: _Node, tag: int) -> bytes:
        """The content of a primitive element, which must carry ``tag``."""
        if node.tag != tag:
            raise _invalid(f"expected tag 0x{tag:02x} at offset {node.start}, found 0x{node.tag:02x}")
        return self.data[node.body : node.end]

    def octets(self, node: _Node, max_bytes: int) -> bytes:
        """An OCTET STRING, joining the chunks of a constructed one (as streaming signers write it)."""
        if node.tag == _OCTETS:
            if node.end - node.body > max_bytes:
                raise PattiError(ErrorCode.TOO_LARGE, f"signed content over {max_bytes} bytes")
            return self.data[node.body : node.end]
        if node.tag != _OCTETS_CONSTRUCTED:
            raise _invalid(f"expected an OCTET STRING at offset {node.start}")
        parts: list[bytes] = []
        total = 0
        stack: list[Iterator[_Node]] = [iter(self.children(node))]
        while stack:
            chunk = next(stack[-1], None)
            if chunk is None:
                stack.pop()
            elif chunk.tag == _OCTETS_CONSTRUCTED:
                if len(stack) >= _MAX_NESTING:
                    raise _invalid("OCTET STRING chunks nested too deeply")
                stack.append(iter(self.children(chunk)))
            else:
                part = self.value(chunk, _OCTETS)
                total += len(part)
                if total > max_bytes:
                    raise PattiError(ErrorCode.TOO_LARGE, f"signed content over {max_bytes} bytes")
                parts.append(part)
        return b"".join(parts)

    def oid(self, node: _Node) -> str:
        return _dotted(self.value(node, _OID))

    def _spend(self) -> None:
        self._budget -= 1
        if self._budget < 0:
            raise _invalid(f"more than {_MAX_ELEMENTS} ASN.1 elements")

    def _header(self, pos: int, limit: int) -> tuple[int, int, int | None]:
        """Tag, content offset and length (None: indefinite) of the element at ``pos``."""
        self._spend()
        data = self.data
        if pos + 2 > limit:
            raise _invalid(f"truncated at offset {pos}")
        tag = data[pos]
        pos += 1
        if tag & 0x1F == 0x1F:  # high tag number: skip its base-128 octets, CMS never needs them
            for _ in range(4):
                if pos >= limit:
                    raise _invalid(f"truncated at offset {pos}")
                pos += 1
                if not data[pos - 1] & 0x80:
                    break
            else:
                raise _invalid(f"tag number too long at offset {pos}")
        if pos >= limit:
            raise _invalid(f"truncated at offset {pos}")
        first = data[pos]
        pos += 1
        if first == 0x80:
            if not tag & 0x20:
                raise _invalid(f"indefinite length on a primitive element at offset {pos}")
            return tag, pos, None
        if first < 0x80:
            length = first
        else:
            count = first & 0x7F
            if count > 8:
                raise _invalid(f"length of {count} octets at offset {pos}")
            if pos + count > limit:
                raise _invalid(f"truncated at offset {pos}")
            length = int.from_bytes(data[pos : pos + count], "big")
            pos += count
        if length > limit - pos:
            raise _invalid(f"declared length {length} at offset {pos} runs past the end")
        return tag, pos, length

    def _walk(self, start: int, body: int, limit: int) -> int:
        """The end of the indefinite-length element at ``start``, found with an explicit stack."""
        data = self.data
        stack = [start]
        pos = body
        while stack:
            if pos + 2 <= limit and data[pos] == 0 and data[pos + 1] == 0:  # end-of-contents
                self._spend()
                pos += 2
                self._ends[stack.pop()] = pos
                continue
            _, child_body, length = self._header(pos, limit)
            if length is None:
                if len(stack) >= _MAX_NESTING:
                    raise _invalid(f"more than {_MAX_NESTING} nested indefinite lengths")
                stack.append(pos)
                pos = child_body
            else:
                pos = child_body + length
        return pos


def _dotted(body: bytes) -> str:
    if not body or body[-1] & 0x80:
        raise _invalid("malformed OBJECT IDENTIFIER")
    arcs: list[int] = []
    value = 0
    for octet in body:
        value = value << 7 | octet & 0x7F
        if not octet & 0x80:
            arcs.append(value)
            value = 0
    first = min(arcs[0] // 40, 2)
    return ".".join(map(str, [first, arcs[0] - 40 * first, *arcs[1:]]))


def _der(reader: _Reader, node: _Node, tag: int | None = None, depth: int = 0) -> bytes:
    """``node`` re-encoded as DER: definite lengths and sorted SET OF, optionally under another tag."""
    if depth > _MAX_NESTING:
        raise _invalid("signed attributes nested too deeply")
    if node.tag & 0x1F == 0x1F:  # a high tag number, unknown to CMS: keep as received
        return reader.raw(node)
    if node.constructed:
        parts = [_der(reader, child, None, depth + 1) for child in reader.children(node)]
        if (tag or node.tag) == _SET:
            parts.sort()
        content = b"".join(parts)
    else:
        content = reader.data[node.body : node.end]
    size = len(content)
    length = bytes([size]) if size < 0x80 else bytes([0x80 | (size.bit_length() + 7) // 8])
    if size >= 0x80:
        length += size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([tag or node.tag]) + length + content


# ---------------------------------------------------------------- the envelope


@dataclass(frozen=True)
class _Certificate:
    serial: bytes
    issuer: bytes  # the DER of the issuer Name, to match a SignerIdentifier
    subject_names: list[tuple[str, str]]
    issuer_names: list[tuple[str, str]]
    public_key: bytes  # the DER of SubjectPublicKeyInfo
    key_id: bytes | None


def _open(der: bytes, max_bytes: int) -> tuple[bytes, list[Signature]]:
    """The content and signers of one DER/BER envelope."""
    reader = _Reader(der)
    info = reader.node(0, len(der))
    fields = reader.children(info) if info.tag == _SEQUENCE else []
    if len(fields) < 2 or fields[0].tag != _OID or fields[1].tag != _CTX0:
        raise _invalid("not a CMS ContentInfo")
    if reader.value(fields[0], _OID) != _SIGNED_DATA:
        raise _invalid(f"content type {reader.oid(fields[0])} is not signedData")
    signed_data = _only(reader, fields[1], _SEQUENCE, "SignedData")
    parts = reader.children(signed_data)
    if len(parts) < 4 or parts[2].tag != _SEQUENCE or parts[-1].tag != _SET:
        raise _invalid("malformed SignedData")
    encapsulated = reader.children(parts[2])
    if len(encapsulated) < 2:
        raise _invalid("detached signature: the envelope holds no content")
    if encapsulated[1].tag != _CTX0:
        raise _invalid("malformed EncapsulatedContentInfo")
    content = reader.octets(_only(reader, encapsulated[1], None, "eContent"), max_bytes)
    certificates = [
        certificate
        for holder in parts[3:-1]
        if holder.tag == _CTX0
        for node in reader.children(holder)
        if node.tag == _SEQUENCE and (certificate := _certificate(reader, node)) is not None
    ]
    signers = [_signer(reader, node, content, certificates) for node in reader.children(parts[-1])]
    return content, signers


def _only(reader: _Reader, holder: _Node, tag: int | None, what: str) -> _Node:
    """The single element inside an EXPLICIT tag."""
    inside = reader.children(holder)
    if len(inside) != 1 or (tag is not None and inside[0].tag != tag):
        raise _invalid(f"malformed {what}")
    return inside[0]


def _certificate(reader: _Reader, node: _Node) -> _Certificate | None:
    """What the signer's identity and key need from a certificate; None when it is not one we can read."""
    try:
        tbs = reader.children(node)[0]
        fields = reader.children(tbs)
        if fields[0].tag == _CTX0:  # the optional version
            fields = fields[1:]
        serial, issuer, subject, key = fields[0], fields[2], fields[4], fields[5]
        key_id = None
        for extensions in (field for field in fields[6:] if field.tag == _CTX3):
            for extension in reader.children(_only(reader, extensions, _SEQUENCE, "extensions")):
                items = reader.children(extension)
                if reader.oid(items[0]) == _SUBJECT_KEY_ID:
                    inner = _Reader(reader.value(items[-1], _OCTETS))  # an OCTET STRING inside the value
                    key_id = inner.value(inner.node(0, len(inner.data)), _OCTETS)
        return _Certificate(
            serial=reader.value(serial, _INTEGER),
            issuer=reader.raw(issuer),
            subject_names=_names(reader, subject),
            issuer_names=_names(reader, issuer),
            public_key=reader.raw(key),
            key_id=key_id,
        )
    except (PattiError, IndexError):
        # The content stays readable without this certificate: its signer is then reported unverified.
        return None


def _names(reader: _Reader, name: _Node) -> list[tuple[str, str]]:
    """The (OID, text) attributes of an X.501 Name, in order."""
    out: list[tuple[str, str]] = []
    for rdn in reader.children(name):
        for pair in reader.children(rdn):
            items = reader.children(pair)
            if len(items) == 2 and not items[1].constructed:
                out.append((reader.oid(items[0]), _text(items[1].tag, reader.data[items[1].body : items[1].end])))
    return out


def _text(tag: int, raw: bytes) -> str:
    if tag == 0x1E:  # BMPString
        return raw.decode("utf-16-be", "replace")
    if tag == 0x1C:  # UniversalString
        return raw.decode("utf-32-be", "replace")
    if tag == 0x14:  # T61String: in practice Latin-1
        return raw.decode("latin-1")
    return raw.decode("utf-8", "replace")


def _first(names: list[tuple[str, str]], oid: str) -> str | None:
    return next((value.strip() for key, value in names if key == oid and value.strip()), None)


def _person(names: list[tuple[str, str]]) -> str | None:
    """The signer's name, without the fiscal codes and identifiers Italian certificates put beside it."""
    common = _first(names, _CN)
    if common:
        # Old CNIPA certificates write "ROSSI MARIO/RSSMRA80A01H501U/7420000000000000.abcd=" in the CN.
        words = [_IDENTIFIER.sub("", part).strip(" ,;:-") for part in common.split("/")]
        kept = [word for word in words if word and not any(char.isdigit() for char in word)]
        if kept:
            return kept[0]
    person = " ".join(part for part in (_first(names, _GIVEN_NAME), _first(names, _SURNAME)) if part)
    return _IDENTIFIER.sub("", person).strip() or None


def _signer(reader: _Reader, node: _Node, content: bytes, certificates: list[_Certificate]) -> Signature:
    fields = reader.children(node)
    if len(fields) < 5:
        raise _invalid("malformed SignerInfo")
    identifier, digest_algorithm = fields[1], fields[2]
    attributes = fields[3] if fields[3].tag == _CTX0 else None
    rest = fields[4:] if attributes is not None else fields[3:]
    if len(rest) < 2:
        raise _invalid("malformed SignerInfo")
    signature_algorithm, signature = rest[0], reader.value(rest[1], _OCTETS)
    certificate, issuer_names = _find_certificate(reader, identifier, certificates)
    values = _attributes(reader, attributes) if attributes is not None else {}
    time = values.get(_SIGNING_TIME)
    verified, verification = _verify(
        reader, certificate, digest_algorithm, signature_algorithm, signature, attributes, values, content
    )
    return Signature(
        signer=_person(certificate.subject_names) if certificate else None,
        signing_time=_time(time.tag, reader.data[time.body : time.end]) if time and not time.constructed else None,
        issuer=_first(issuer_names, _O) or _first(issuer_names, _CN),
        verified=verified,
        verification=verification,
    )


def _find_certificate(
    reader: _Reader, identifier: _Node, certificates: list[_Certificate]
) -> tuple[_Certificate | None, list[tuple[str, str]]]:
    """The signer's certificate named by the SignerIdentifier, and the issuer's name attributes."""
    if identifier.tag == _CTX0_PRIMITIVE:  # subjectKeyIdentifier
        key_id = reader.data[identifier.body : identifier.end]
        found = next((cert for cert in certificates if cert.key_id == key_id), None)
        return found, found.issuer_names if found else []
    if identifier.tag != _SEQUENCE:
        raise _invalid("malformed SignerIdentifier")
    parts = reader.children(identifier)
    if len(parts) != 2:
        raise _invalid("malformed IssuerAndSerialNumber")
    issuer, serial = reader.raw(parts[0]), reader.value(parts[1], _INTEGER)
    by_serial = [cert for cert in certificates if cert.serial == serial]
    found = next((cert for cert in by_serial if cert.issuer == issuer), by_serial[0] if by_serial else None)
    return found, found.issuer_names if found else _names(reader, parts[0])


def _attributes(reader: _Reader, attributes: _Node) -> dict[str, _Node]:
    """The first value of each signed attribute, by OID."""
    out: dict[str, _Node] = {}
    for attribute in reader.children(attributes):
        items = reader.children(attribute)
        if len(items) != 2 or items[1].tag != _SET:
            raise _invalid("malformed signed attribute")
        values = reader.children(items[1])
        if values:
            out.setdefault(reader.oid(items[0]), values[0])
    return out


def _time(tag: int, raw: bytes) -> str | None:
    """ISO 8601 of a UTCTime or GeneralizedTime; None when it cannot be read."""
    pattern = rb"(\d{2})" if tag == _UTC_TIME else rb"(\d{4})" if tag == _GENERALIZED_TIME else None
    if pattern is None:
        return None
    match = re.fullmatch(pattern + rb"(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?(?:[.,]\d+)?(Z|[+-]\d{4})?", raw)
    if not match:
        return None
    year, month, day, hour, minute = (int(group) for group in match.groups()[:5])
    if tag == _UTC_TIME:
        year += 2000 if year < 50 else 1900  # RFC 5280's window
    zone = match.group(7)
    try:
        moment = datetime(year, month, day, hour, minute, int(match.group(6) or 0))
        if zone is None:  # a local time of unknown zone: given as it is
            return moment.isoformat()
        if zone != b"Z":
            sign = -1 if zone[:1] == b"-" else 1
            offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
            moment = moment.replace(tzinfo=timezone(sign * offset)).astimezone(UTC)
    except ValueError:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------- verification


def _algorithm(reader: _Reader, node: _Node) -> tuple[str, _Node | None]:
    """OID and parameters of an AlgorithmIdentifier."""
    parts = reader.children(node) if node.tag == _SEQUENCE else []
    if not parts:
        raise _invalid("malformed AlgorithmIdentifier")
    return reader.oid(parts[0]), parts[1] if len(parts) > 1 else None


def _unsupported(oid: str) -> tuple[bool, str]:
    return False, f"not verified: unsupported algorithm {_NAMES.get(oid, oid)}"


def _verify(
    reader: _Reader,
    certificate: _Certificate | None,
    digest_node: _Node,
    signature_node: _Node,
    signature: bytes,
    attributes: _Node | None,
    values: dict[str, _Node],
    content: bytes,
) -> tuple[bool, str]:
    """Whether the signature checks out against the content, and the reason in words."""
    digest_oid, _ = _algorithm(reader, digest_node)
    signature_oid, parameters = _algorithm(reader, signature_node)
    if digest_oid not in _HASHES:
        return _unsupported(digest_oid)
    if signature_oid not in _SIGNATURES:
        return _unsupported(signature_oid)
    if certificate is None:
        return False, "not verified: no signer certificate"
    digest = _HASHES[digest_oid]
    if attributes is None:
        signed = [content]  # without signed attributes the signature covers the content itself
    else:
        claimed = values.get(_MESSAGE_DIGEST)
        if claimed is None or claimed.tag != _OCTETS:
            return False, "not verified: no messageDigest attribute"
        hasher = hashes.Hash(digest())
        hasher.update(content)
        if not hmac.compare_digest(hasher.finalize(), reader.data[claimed.body : claimed.end]):
            return False, "not verified: digest mismatch"
        # The signature covers the attributes' DER under the SET OF tag; signers that wrote them unsorted
        # signed what they wrote, so the received bytes are tried first.
        received = bytes([_SET]) + reader.raw(attributes)[1:]
        canonical = _der(reader, attributes, _SET)
        signed = [received] if received == canonical else [received, canonical]
    try:
        key = serialization.load_der_public_key(certificate.public_key)
    except (ValueError, UnsupportedAlgorithm):
        return False, "not verified: unreadable public key in the signer's certificate"
    check = _checker(reader, key, signature_oid, parameters, digest)
    if isinstance(check, str):
        return False, check
    for message in signed:
        try:
            check(signature, message)
        except (InvalidSignature, ValueError):
            continue
        return True, VERIFIED
    return False, "not verified: the signature does not match the signer's certificate"


def _checker(
    reader: _Reader, key: object, oid: str, parameters: _Node | None, digest: type[hashes.HashAlgorithm]
) -> Callable[[bytes, bytes], None] | str:
    """A function verifying (signature, message) with ``key``, or why there is none."""
    family, named = _SIGNATURES[oid]
    algorithm = (named or digest)()
    mismatch = f"not verified: the certificate's key does not fit the algorithm {oid}"
    if family == _RSA:
        if not isinstance(key, rsa.RSAPublicKey):
            return mismatch
        rsa_key = key
        return lambda signature, message: rsa_key.verify(signature, message, padding.PKCS1v15(), algorithm)
    if family == _PSS:
        if not isinstance(key, rsa.RSAPublicKey):
            return mismatch
        pss = _pss(reader, parameters)
        if isinstance(pss, str):
            return pss
        pss_key, (pss_padding, pss_hash) = key, pss
        return lambda signature, message: pss_key.verify(signature, message, pss_padding, pss_hash)
    if family == _ECDSA:
        if not isinstance(key, ec.EllipticCurvePublicKey):
            return mismatch
        ec_key = key
        return lambda signature, message: ec_key.verify(signature, message, ec.ECDSA(algorithm))
    if not isinstance(key, ed25519.Ed25519PublicKey | ed448.Ed448PublicKey):
        return mismatch
    ed_key = key
    return lambda signature, message: ed_key.verify(signature, message)


def _pss(reader: _Reader, parameters: _Node | None) -> tuple[padding.PSS, hashes.HashAlgorithm] | str:
    """RSASSA-PSS parameters (RFC 4055), with its defaults: SHA-1, MGF1 with SHA-1, 20 octets of salt."""
    digest, mask_digest, salt = "1.3.14.3.2.26", "1.3.14.3.2.26", 20
    for field in reader.children(parameters) if parameters is not None and parameters.tag == _SEQUENCE else []:
        if field.tag == _CTX0:
            digest, _ = _algorithm(reader, _only(reader, field, _SEQUENCE, "PSS hash"))
        elif field.tag == _CTX1:
            mask, inner = _algorithm(reader, _only(reader, field, _SEQUENCE, "PSS mask"))
            if mask != _MGF1 or inner is None:
                return _unsupported(mask)[1]
            mask_digest, _ = _algorithm(reader, inner)
        elif field.tag == 0xA2:
            salt = int.from_bytes(reader.value(_only(reader, field, None, "PSS salt"), _INTEGER), "big")
    for oid in (digest, mask_digest):
        if oid not in _HASHES:
            return _unsupported(oid)[1]
    return padding.PSS(padding.MGF1(_HASHES[mask_digest]()), salt), _HASHES[digest]()
