"""Signed envelopes (.p7m): the content comes back byte for byte, signers are named and checked, bad files refused.

Envelopes are made at test time with the OpenSSL command line by ``tests/fixtures/formats/make_p7m.py``;
no binary is committed. Tests that need OpenSSL are skipped when it is missing.
"""

from __future__ import annotations

import base64
import random
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from extractor.errors import ErrorCode, PattiError
from extractor.read import signed
from extractor.read.signed import VERIFIED, is_signed, unwrap
from tests.conftest import CORPUS, NOTICE
from tests.fixtures.formats import make_p7m
from tests.fixtures.formats.make_p7m import FISCAL_CODE, p7m_from_bytes, tampered

needs_openssl = pytest.mark.skipif(make_p7m.OPENSSL is None, reason="the openssl command is not installed")
PDF = (CORPUS / "pdf" / "one_column" / "dev_01.pdf").read_bytes()
# Wall-clock limit for refusing one hostile input; each takes milliseconds, the element cap about a second.
SECONDS = 5
_OID = b"\x06\x09" + bytes.fromhex("2a864886f70d010702")  # signedData


def _refused(data: bytes, code: ErrorCode = ErrorCode.SIGNED_INVALID, **limits: int) -> PattiError:
    started = time.perf_counter()
    with pytest.raises(PattiError) as caught:
        unwrap(data, **limits)
    assert caught.value.code == code, caught.value.message
    assert time.perf_counter() - started < SECONDS
    return caught.value


# ---------------------------------------------------------------- good envelopes


ENVELOPES: list[tuple[str, str, int, dict[str, Any]]] = [
    ("der", "DER", 1, {}),
    ("ber-streamed", "BER", 1, {}),
    ("base64-lines", "BASE64", 1, {}),
    ("base64-one-line", "BASE64-FLAT", 1, {}),
    ("base64-crlf", "BASE64-CRLF", 1, {}),
    ("pem", "PEM", 1, {}),
    ("nested-twice", "DER", 2, {}),
    ("nested-twice-base64", "BASE64", 2, {}),
    ("nested-twice-pem", "PEM", 2, {}),
    ("nested-at-the-limit", "DER", signed.MAX_DEPTH, {}),
    ("rsa-pss", "DER", 1, {"key": "rsa-pss"}),
    ("ecdsa-p256", "DER", 1, {"key": "ec"}),
    ("subject-key-identifier", "DER", 1, {"key_id": True}),
]


@needs_openssl
@pytest.mark.parametrize(("form", "depth", "options"), [case[1:] for case in ENVELOPES], ids=[c[0] for c in ENVELOPES])
def test_unwrap_gives_back_the_content_and_verified_signers(form: str, depth: int, options: dict[str, Any]) -> None:
    envelope = p7m_from_bytes(PDF, form, depth, **options)
    assert is_signed(envelope)
    result = unwrap(envelope)
    assert result.content == PDF
    assert len(result.signatures) == depth
    now = datetime.now(UTC)
    for signature in result.signatures:
        assert signature.signer == "Mario Rossi"
        assert signature.issuer == "Comune di Esempio"
        assert signature.signing_time is not None
        assert now - timedelta(minutes=10) <= datetime.fromisoformat(signature.signing_time) <= now
        assert (signature.verified, signature.verification) == (True, VERIFIED)
        assert FISCAL_CODE not in repr(signature) and "TINIT" not in repr(signature)


@needs_openssl
def test_envelope_without_signed_attributes_is_verified_over_the_content_itself() -> None:
    (signature,) = unwrap(p7m_from_bytes(PDF, attributes=False)).signatures
    assert (signature.signer, signature.signing_time, signature.verified) == ("Mario Rossi", None, True)


@needs_openssl
def test_signer_without_common_name_is_given_name_and_surname() -> None:
    subject = "/GN=Anna/SN=Bianchi/serialNumber=TINIT-BNCNNA85C41F205X/O=Comune di Esempio/C=IT"
    (signature,) = unwrap(p7m_from_bytes(b"testo firmato\n", subject=subject)).signatures
    assert (signature.signer, signature.issuer, signature.verified) == ("Anna Bianchi", "Comune di Esempio", True)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ([("2.5.4.3", "Mario Rossi")], "Mario Rossi"),
        ([("2.5.4.3", "ROSSI MARIO/RSSMRA80A01H501U/7420000000000000.2aQ1nG3d=")], "ROSSI MARIO"),
        ([("2.5.4.3", "RSSMRA80A01H501U"), ("2.5.4.42", "Mario"), ("2.5.4.4", "Rossi")], "Mario Rossi"),
        ([("2.5.4.3", "TINIT-RSSMRA80A01H501U")], None),
        ([("2.5.4.5", "TINIT-RSSMRA80A01H501U"), ("2.5.4.10", "Comune di Esempio")], None),
    ],
)
def test_signer_name_leaves_fiscal_codes_out(names: list[tuple[str, str]], expected: str | None) -> None:
    assert signed._person(names) == expected


@pytest.mark.parametrize(
    ("tag", "raw", "expected"),
    [
        (0x17, b"250304101500Z", "2025-03-04T10:15:00Z"),
        (0x17, b"990304101500Z", "1999-03-04T10:15:00Z"),
        (0x18, b"20250304111500.123+0100", "2025-03-04T10:15:00Z"),
        (0x18, b"20250304101500", "2025-03-04T10:15:00"),
        (0x17, b"251304101500Z", None),
        (0x17, b"yesterday", None),
    ],
)
def test_signing_time_is_iso_8601(tag: int, raw: bytes, expected: str | None) -> None:
    assert signed._time(tag, raw) == expected


# ---------------------------------------------------------------- envelopes that do not verify


SHA256 = bytes.fromhex("608648016503040201")
SHAKE128 = bytes.fromhex("60864801650304020b")  # a digest OID the reader does not know, of the same length
NOT_VERIFIED = {
    "content-flipped": (lambda der: tampered(der, PDF), "not verified: digest mismatch"),
    # Without unsigned attributes the signature value is the envelope's last bytes.
    "signature-flipped": (
        lambda der: der[:-1] + bytes([der[-1] ^ 0x01]),
        "not verified: the signature does not match the signer's certificate",
    ),
    "unknown-digest": (
        lambda der: der.replace(SHA256, SHAKE128),
        "not verified: unsupported algorithm 2.16.840.1.101.3.4.2.11",
    ),
}


@needs_openssl
@pytest.mark.parametrize(("damage", "reason"), NOT_VERIFIED.values(), ids=NOT_VERIFIED.keys())
def test_damaged_envelope_gives_its_content_but_is_not_verified(damage: Callable[[bytes], bytes], reason: str) -> None:
    result = unwrap(damage(p7m_from_bytes(PDF)))
    assert len(result.content) == len(PDF)
    (signature,) = result.signatures
    assert (signature.signer, signature.issuer) == ("Mario Rossi", "Comune di Esempio")
    assert (signature.verified, signature.verification) == (False, reason)


@needs_openssl
def test_envelope_without_certificates_names_no_signer() -> None:
    (signature,) = unwrap(p7m_from_bytes(PDF, certificates=False)).signatures
    assert (signature.signer, signature.issuer) == (None, "Comune di Esempio")
    assert (signature.verified, signature.verification) == (False, "not verified: no signer certificate")


def test_signed_attributes_are_re_encoded_as_sorted_der() -> None:
    """BER attributes (indefinite lengths, unsorted) are checked in the DER form the signer hashed."""
    ber = b"\xa0\x80" + b"\x30\x03\x06\x01\x02" + b"\x30\x80\x06\x01\x01\x00\x00" + b"\x00\x00"
    reader = signed._Reader(ber)
    assert signed._der(reader, reader.node(0, len(ber)), 0x31) == b"\x31\x0a\x30\x03\x06\x01\x01\x30\x03\x06\x01\x02"


@needs_openssl
@pytest.mark.parametrize("case", ["der", "tampered", "ecdsa", "rsa-pss", "ber"])
def test_verdict_agrees_with_openssl(case: str) -> None:
    """OpenSSL's own check, without a trust list (``-noverify``), reaches the same verdict."""
    envelope = {
        "der": lambda: p7m_from_bytes(PDF),
        "tampered": lambda: tampered(p7m_from_bytes(PDF), PDF),
        "ecdsa": lambda: p7m_from_bytes(PDF, key="ec"),
        "rsa-pss": lambda: p7m_from_bytes(PDF, key="rsa-pss"),
        "ber": lambda: p7m_from_bytes(PDF, "BER"),
    }[case]()
    assert make_p7m.OPENSSL is not None
    command = [make_p7m.OPENSSL, "cms", "-verify", "-noverify", "-binary", "-inform", "DER", "-out", "/dev/null"]
    accepted = subprocess.run(command, input=envelope, capture_output=True).returncode == 0
    (signature,) = unwrap(envelope).signatures
    assert signature.verified == accepted


# ---------------------------------------------------------------- refusals


@needs_openssl
def test_nesting_deeper_than_the_limit_is_refused() -> None:
    _refused(p7m_from_bytes(PDF, depth=5), ErrorCode.SIGNED_TOO_DEEP)
    _refused(p7m_from_bytes(PDF, depth=2), ErrorCode.SIGNED_TOO_DEEP, max_depth=1)


@needs_openssl
@pytest.mark.parametrize("form", ["DER", "BASE64"])
def test_envelope_over_the_size_limit_is_refused(form: str) -> None:
    _refused(p7m_from_bytes(PDF, form), ErrorCode.TOO_LARGE, max_bytes=len(PDF))


def test_content_over_the_size_limit_is_refused() -> None:
    # Streamed content in chunks: the joined chunks pass the limit although the envelope header is small.
    reader = signed._Reader(b"\x24\x80" + b"\x04\x04abcd" * 10 + b"\x00\x00")
    with pytest.raises(PattiError) as caught:
        reader.octets(reader.node(0, len(reader.data)), max_bytes=30)
    assert caught.value.code == ErrorCode.TOO_LARGE


@needs_openssl
def test_detached_signature_is_refused() -> None:
    error = _refused(p7m_from_bytes(PDF, detached=True))
    assert "detached" in (error.detail or "")


@needs_openssl
@pytest.mark.parametrize("form", ["DER", "BER"])
def test_truncated_envelope_is_refused(form: str) -> None:
    envelope = p7m_from_bytes(PDF, form)
    for size in (len(envelope) // 2, len(envelope) - 1, 40, 12):
        _refused(envelope[:size])


def _deep_definite(levels: int) -> bytes:
    """``levels`` SEQUENCEs, each inside the previous one, with definite lengths."""
    inner = b"\x05\x00"
    for _ in range(levels):
        inner = b"\x30\x84" + len(inner).to_bytes(4, "big") + inner
    return inner


HOSTILE = {
    "empty": b"",
    "random-after-a-sequence-header": b"\x30\x82" + random.Random(7).randbytes(4000),
    "huge-declared-length": b"\x30\x88" + b"\xff" * 8 + _OID,
    "length-of-nine-octets": b"\x30\x89" + b"\x01" * 9 + _OID,
    "deep-indefinite-nesting": b"\x30\x80" + _OID + b"\xa0\x80" + b"\x30\x80" * 200_000,
    "deep-definite-nesting": b"\x30\x80" + _OID + b"\xa0\x80" + _deep_definite(5_000) + b"\x00\x00\x00\x00",
    "million-elements": b"\x30\x80" + _OID + b"\xa0\x80\x30\x80" + b"\x04\x00" * 1_200_000,
    "no-end-of-contents": b"\x30\x80" + _OID + b"\xa0\x80\x30\x80\x02\x01\x01",
    "indefinite-primitive": b"\x30\x80" + _OID + b"\xa0\x80\x04\x80",
    "enveloped-data-not-signed": b"\x30\x0f\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x03\xa0\x02\x30\x00",
    "signed-data-without-fields": b"\x30\x0f" + _OID + b"\xa0\x02\x30\x00",
    "not-base64": b"MIIG this is not base64 at all!",
    "base64-of-a-pdf": base64.b64encode(PDF[:3000]),
    "pem-armour-around-nothing": b"-----BEGIN PKCS7-----\n-----END PKCS7-----\n",
}


@pytest.mark.parametrize("data", HOSTILE.values(), ids=HOSTILE.keys())
def test_malformed_envelope_is_refused_quickly(data: bytes) -> None:
    _refused(data)


@needs_openssl
def test_corrupted_envelopes_raise_only_catalogue_errors() -> None:
    """Flip bytes all over a real envelope: each read returns or raises a PattiError, nothing else."""
    envelope = p7m_from_bytes(b"Determinazione dirigenziale n. 12 del 2024\n" * 20)
    rng = random.Random(2024)
    for _ in range(300):
        damaged = bytearray(envelope)
        for _ in range(rng.randint(1, 3)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            unwrap(bytes(damaged))
        except PattiError as exc:
            assert exc.code in {ErrorCode.SIGNED_INVALID, ErrorCode.SIGNED_TOO_DEEP, ErrorCode.TOO_LARGE}


# ---------------------------------------------------------------- sniffing


@needs_openssl
@pytest.mark.parametrize("form", make_p7m.FORMS)
def test_is_signed_recognises_every_form_from_its_head(form: str) -> None:
    envelope = p7m_from_bytes(b"Avviso pubblico\n", form)
    assert is_signed(envelope)
    assert is_signed(envelope[:100])


NOT_SIGNED = {
    "italian-notice": NOTICE.encode(),
    "text-starting-with-mi": "MILANO, 3 marzo 2024 — Il Comune di Milano comunica…".encode(),
    "text-starting-with-mia": b"MIA CARA AMMINISTRAZIONE, con la presente...",
    "pdf": PDF,
    "base64-of-a-pdf": base64.b64encode(PDF),
    "base64-of-another-der": base64.b64encode(b"\x30\x82\x01\x00\x30\x82\x00\xfc\x02\x01\x02" + bytes(250)),
    "pem-certificate": b"-----BEGIN CERTIFICATE-----\nMIIBADCCAPwCAQI=\n-----END CERTIFICATE-----\n",
    "empty": b"",
    "sequence-header-only": b"\x30\x82",
}


@pytest.mark.parametrize("data", NOT_SIGNED.values(), ids=NOT_SIGNED.keys())
def test_is_signed_is_false_for_other_content(data: bytes) -> None:
    assert not is_signed(data)
