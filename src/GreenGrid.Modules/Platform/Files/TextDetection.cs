using System.Text;

namespace GreenGrid.Platform.Files;

/// <summary>
/// Finds the text encoding of a CSV file while it streams by: a BOM means UTF-8; a file that is
/// valid UTF-8 is UTF-8; otherwise GB18030 (which GBK files are a subset of). Lines are judged one
/// by one: a file where some lines hold valid multi-byte UTF-8 (Chinese written as UTF-8) and other
/// lines are not valid UTF-8 (Chinese written as GBK) was pasted together from two sources, and no
/// single encoding reads it: that is "mixed encodings".
/// </summary>
internal sealed class TextDetection
{
    public const string Utf8 = "utf-8";
    public const string Utf8Bom = "utf-8-bom";
    public const string Gb18030 = "gb18030";

    private long _position;
    private bool _bom;
    private int _pending; // continuation bytes still expected
    private int _sequenceLength;
    private bool _lineInvalid;
    private bool _lineHasWide;
    private long _validWideLines;
    private long _invalidLines;
    private long _firstInvalidLine;
    private long _firstWideLine;
    private long _line = 1;
    private readonly byte[] _start = new byte[3];

    static TextDetection() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding GetEncoding(string name) => name == Gb18030 ? Encoding.GetEncoding(54936) : new UTF8Encoding(false);

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (_position < 3)
            {
                _start[_position] = b;
                if (_position == 2 && _start[0] == 0xEF && _start[1] == 0xBB && _start[2] == 0xBF)
                {
                    _bom = true;
                }
            }
            _position++;
            if (_pending > 0)
            {
                if (b is >= 0x80 and <= 0xBF)
                {
                    if (--_pending == 0 && _sequenceLength >= 3)
                    {
                        _lineHasWide = true;
                    }
                    continue;
                }
                _lineInvalid = true;
                _pending = 0;
            }
            if (b == (byte)'\n')
            {
                EndLine();
                continue;
            }
            if (b < 0x80)
            {
                continue;
            }
            (_pending, _sequenceLength) = b switch
            {
                >= 0xC2 and <= 0xDF => (1, 2),
                >= 0xE0 and <= 0xEF => (2, 3),
                >= 0xF0 and <= 0xF4 => (3, 4),
                _ => (0, 0),
            };
            if (_pending == 0)
            {
                _lineInvalid = true;
            }
        }
    }

    private void EndLine()
    {
        if (_pending > 0)
        {
            _lineInvalid = true;
            _pending = 0;
        }
        if (_lineInvalid)
        {
            _invalidLines++;
            if (_firstInvalidLine == 0)
            {
                _firstInvalidLine = _line;
            }
        }
        else if (_lineHasWide)
        {
            _validWideLines++;
            if (_firstWideLine == 0)
            {
                _firstWideLine = _line;
            }
        }
        _lineInvalid = false;
        _lineHasWide = false;
        _line++;
    }

    /// <summary>The encoding's name, or the reason the file has none.</summary>
    public (string? Encoding, string? Problem) Finish()
    {
        EndLine();
        if (_invalidLines == 0)
        {
            return (_bom ? Utf8Bom : Utf8, null);
        }
        if (_bom || _validWideLines > 0)
        {
            return (null, $"mixed encodings: line {(_bom ? 1 : _firstWideLine)} is UTF-8 but line {_firstInvalidLine} is not (GBK?); save the whole file again as UTF-8 or as GB18030");
        }
        return (Gb18030, null);
    }
}
