"""What kind of file this is, from its bytes: magic numbers, ZIP contents, then text structure.

The file name only breaks ties between text-like formats (Markdown, plain text, CSV); it never makes
a binary file into a PDF or a Word document, and it is never used as a path.
"""

import codecs
import csv
import io
import re
import zipfile

from explorer.ingest.extract.base import ExtractionError

_SUPPORTED = "a PDF, a Word document (.docx), a web page (.html), Markdown, plain text or a CSV"

# (prefix, what it looks like, what to do); checked on the first bytes.
_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "run the image through OCR and add the text or a searchable PDF"),
    (b"\xff\xd8\xff", "a JPEG image", "run the image through OCR and add the text or a searchable PDF"),
    (b"GIF87a", "a GIF image", "run the image through OCR and add the text or a searchable PDF"),
    (b"GIF89a", "a GIF image", "run the image through OCR and add the text or a searchable PDF"),
    (b"II*\x00", "a TIFF image", "run the image through OCR and add the text or a searchable PDF"),
    (b"MM\x00*", "a TIFF image", "run the image through OCR and add the text or a searchable PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc, .xls or .ppt)",
     "open it in Word and save it as .docx, or export it as PDF"),
    (b"{\\rtf", "an RTF document", "open it in a word processor and save it as .docx or PDF"),
    (b"%!PS", "a PostScript file", "convert it to PDF"),
    (b"\x1f\x8b", "a gzip-compressed file", "unpack it and add the files inside"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it and add the files inside"),
    (b"Rar!\x1a\x07", "a RAR archive", "unpack it and add the files inside"),
    (b"\xfd7zXZ\x00", "an xz-compressed file", "unpack it and add the files inside"),
    (b"\x28\xb5\x2f\xfd", "a zstd-compressed file", "unpack it and add the files inside"),
    (b"SQLite format 3\x00", "an SQLite database", "export the text you need as CSV"),
    (b"\x7fELF", "a program (ELF executable)", "add documents only"),
    (b"\xcf\xfa\xed\xfe", "a program (Mach-O executable)", "add documents only"),
    (b"\xca\xfe\xba\xbe", "a program (Mach-O or Java class)", "add documents only"),
    (b"ID3", "an MP3 audio file", "add a transcript instead"),
    (b"OggS", "an Ogg audio or video file", "add a transcript instead"),
    (b"fLaC", "a FLAC audio file", "add a transcript instead"),
    (b"\x1aE\xdf\xa3", "a WebM or MKV video", "add a transcript instead"),
    (b"bplist", "a Safari web archive or Apple property list", "save the page as “Page Source” (HTML) instead"),
    (b"wOFF", "a web font", "add documents only"),
    (b"wOF2", "a web font", "add documents only"),
]


def unsupported(looks_like: str, fix: str | None = None) -> ExtractionError:
    todo = f"{fix[0].upper()}{fix[1:]}, or add {_SUPPORTED} instead." if fix else f"Add {_SUPPORTED} instead."
    return ExtractionError(f"Unsupported file type: looks like {looks_like}.", todo)


def detect_format(data: bytes, filename: str | None = None) -> str:
    """`pdf`, `docx`, `html`, `markdown`, `text` or `csv`, judged from the content; else ExtractionError."""
    return sniff(data, filename)[0]


def sniff(data: bytes, filename: str | None = None) -> tuple[str, str | None, list[str]]:
    """The format, and for text-like formats the decoded text and any decoding warnings."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("extract() takes the file's bytes")
    data = bytes(data)
    if not data.strip():
        raise ExtractionError("This file is empty.", "Check that the download or upload finished, then add it again.")
    if _is_pdf(data):
        return "pdf", None, []
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _zip_kind(data), None, []
    _refuse_known_binary(data)
    decoded = decode_text(data)
    if decoded is None:
        raise unsupported("binary data of an unknown kind")
    text, warnings = decoded
    return _text_kind(text, filename), text, warnings


def _is_pdf(data: bytes) -> bool:
    if data.lstrip(b"\x00\t\n\r\f \xef\xbb\xbf")[:5] == b"%PDF-":
        return True
    # Readers accept junk before the header within the first KB; require the trailer too, so that a
    # text that merely mentions "%PDF-" near its start stays text.
    at = data.find(b"%PDF-", 0, 1024)
    return at >= 0 and b"%%EOF" in data[-4096:]


def _refuse_known_binary(data: bytes) -> None:
    for prefix, looks_like, fix in _MAGIC:
        if data.startswith(prefix):
            raise unsupported(looks_like, fix)
    if data[:4] == b"RIFF":
        kind = {b"WEBP": ("a WebP image", "run the image through OCR and add the text"),
                b"WAVE": ("a WAV audio file", "add a transcript instead"),
                b"AVI ": ("an AVI video", "add a transcript instead")}.get(data[8:12], ("a RIFF media file", None))
        raise unsupported(*kind)
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        if brand in (b"heic", b"heix", b"mif1", b"msf1", b"avif"):
            raise unsupported("a HEIC/AVIF image", "run the image through OCR and add the text")
        raise unsupported("an MP4/MOV video or audio file", "add a transcript instead")
    if data[:2] == b"MZ" and b"\x00" in data[:64]:
        raise unsupported("a Windows program (.exe or .dll)", "add documents only")


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = b""
            if "mimetype" in names and archive.getinfo("mimetype").file_size <= 200:
                mimetype = archive.read("mimetype").strip()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise ExtractionError(
            "This file is a damaged or incomplete ZIP archive (a .docx is one), so it cannot be opened.",
            "Download it again, or open it in Word and save a new copy as .docx.", detail=repr(error)) from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        raise unsupported("an Excel spreadsheet (.xlsx)", "save the sheet as CSV with `title` and `text` columns")
    if "ppt/presentation.xml" in names:
        raise unsupported("a PowerPoint presentation (.pptx)", "export it as PDF")
    odf = {b"application/vnd.oasis.opendocument.text": "an OpenDocument text (.odt)",
           b"application/vnd.oasis.opendocument.spreadsheet": "an OpenDocument spreadsheet (.ods)",
           b"application/vnd.oasis.opendocument.presentation": "an OpenDocument presentation (.odp)",
           b"application/epub+zip": "an EPUB e-book"}
    if mimetype in odf:
        raise unsupported(odf[mimetype], "export it as PDF or save it as .docx")
    raise unsupported("a ZIP archive", "unpack it and add the files inside")


# Control characters that do not occur in text (tab, newline, carriage return and form feed do).
_BINARY_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(data: bytes) -> tuple[str, list[str]] | None:
    """The text and any warnings, or None when the bytes are not text.

    UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are read as such;
    anything else is guessed by charset-normalizer and said so in a warning.
    """
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
        if "\ufffd" in text:
            warnings.append("Some bytes were not valid UTF-8 and were replaced with �.")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(codecs.BOM_UTF32_LE):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    else:
        if b"\x00" in data[:65536]:
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            guessed = _guess_encoding(data)
            if guessed is None:
                return None
            text, encoding = guessed
            warnings.append(f"The file is not UTF-8; its encoding was guessed as {encoding}: check accented "
                            "and non-Latin characters against the original.")
    sample = text[:65536]
    if sample and len(_BINARY_CHARS.findall(sample)) > max(2, len(sample) // 200):
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n"), warnings


# Letters and signs of Western European text in Windows-1252 / Latin-1 (French, German, Spanish,
# Portuguese, Italian, Dutch, the Nordic languages), and the typographic punctuation 1252 adds.
_WESTERN = set("àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœšžßðþ" "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŸŒŠŽÐÞ"
               "‘’‚“”„–—…•€£¥©®°±²³µ·¹º»«¼½¾¿¡§¶×÷ƒ™ªˆ˜‹›†‡‰\u00a0")


def _reads_as_western(text: str) -> bool:
    """Every non-ASCII character a Western letter or sign, accented letters a minority of the
    letters (Cyrillic or Greek read as 1252 is nearly all accented letters), and no sign wedged
    between two letters ("Za¿ó³æ" is Polish read as 1252)."""
    letters = accented = 0
    for at, ch in enumerate(text):
        if ch.isalpha():
            letters += 1
        if ord(ch) <= 127:
            continue
        if ch not in _WESTERN:
            return False
        if ch.isalpha():
            accented += 1
        elif 0 < at < len(text) - 1 and text[at - 1].isalpha() and text[at + 1].isalpha():
            return False
    return accented <= 0.3 * max(letters, 1)


def _guess_encoding(data: bytes) -> tuple[str, str] | None:
    """Western text first: Windows-1252 (a superset of Latin-1's letters; what Windows and most
    "ANSI" exports write), then Latin-1, when every non-ASCII character they give is a Western
    letter or sign. charset-normalizer alone reads short French or German files as Baltic or
    Central European code pages ("prêt" as "prźt"). Anything else is left to charset-normalizer."""
    sample = data[:1_000_000]
    for codec, label in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1 (ISO-8859-1)")):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        if _reads_as_western(text):
            return data.decode(codec, errors="replace"), label
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None or not best.encoding:
        return None
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        return data.decode("latin-1"), "latin-1"


_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]")
_HTML_PARTS = re.compile(r"<(?:head|body)[\s>]")
_MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
_TEXT_EXTENSIONS = (".txt", ".text")
_CSV_EXTENSIONS = (".csv", ".tsv")


def _text_kind(text: str, filename: str | None) -> str:
    start = text.lstrip()[:4096].lower()
    if _HTML_START.match(start) or (start.startswith("<") and _HTML_PARTS.search(start)):
        return "html"
    if start.startswith(("<?xml", "<svg")):
        if "<html" in start:
            return "html"
        if "<svg" in start:
            raise unsupported("an SVG image", "add documents only")
        raise unsupported("an XML file", "export its text as .txt, or as CSV with `title` and `text` columns")
    if "content-type: multipart/related" in start or start.startswith("from: <saved by"):
        raise unsupported("a saved web archive (.mhtml)", "save the page again as “Webpage, HTML only”")
    extension = _extension(filename)
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    if extension in _CSV_EXTENSIONS and any(d in header for d in ",;\t"):
        return "csv"
    if extension in _MARKDOWN_EXTENSIONS:
        return "markdown"
    if extension in _TEXT_EXTENSIONS:
        return "text"
    if _is_csv_header(header):
        return "csv"
    if _looks_like_markdown(text[:50_000]):
        return "markdown"
    return "text"


def _extension(filename: str | None) -> str:
    if not filename:
        return ""
    base = re.split(r"[\\/]", str(filename))[-1].lower().strip()
    dot = base.rfind(".")
    return base[dot:] if dot > 0 else ""


def csv_delimiter(header: str) -> str:
    """The delimiter of a CSV header line: comma, semicolon or tab, whichever splits it most."""
    return max(",;\t", key=header.count)


def _is_csv_header(header: str) -> bool:
    if not any(d in header for d in ",;\t"):
        return False
    try:
        columns = next(csv.reader([header], delimiter=csv_delimiter(header)))
    except (csv.Error, StopIteration):
        return False
    names = {c.strip().lower() for c in columns}
    return len(columns) >= 2 and {"title", "text"} <= names


# Bounded repeats keep every pattern linear on hostile input (a line of 50,000 "[" or "**").
_MD_STRONG = [
    re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE),  # ATX heading
    re.compile(r"^(```|~~~)", re.MULTILINE),  # fenced code
    re.compile(r"\[[^\]\[\n]{1,300}\]\((?:https?://|/|#|\.)[^)\s]{0,2000}\)"),  # inline link
    re.compile(r"\A---[ \t]*\n(?:[A-Za-z_][\w-]*:.*\n)+---[ \t]*\n"),  # front matter
    re.compile(r"^\S.*\n(?:=+|-+)[ \t]*$", re.MULTILINE),  # setext heading
]
_MD_WEAK = [
    re.compile(r"(\*\*|__)\S[^\n]{0,200}?\S\1"),  # bold
    re.compile(r"^[ \t]*(?:[-*+]|\d+\.)[ \t]+\S", re.MULTILINE),  # list item
    re.compile(r"^>[ \t]?\S", re.MULTILINE),  # block quote
    re.compile(r"`[^`\n]{1,200}`"),  # inline code
]


def _looks_like_markdown(text: str) -> bool:
    if any(p.search(text) for p in _MD_STRONG[:4]):
        return True
    weak = sum(1 for p in _MD_WEAK + _MD_STRONG[4:] if p.search(text))
    return weak >= 2
