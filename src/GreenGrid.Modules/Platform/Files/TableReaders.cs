using System.Globalization;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace GreenGrid.Platform.Files;

/// <summary>Why a file as a whole cannot be read; the message is for the person who uploaded it.</summary>
internal sealed class ImportFileException(string message) : Exception(message);

/// <summary>A spreadsheet read row by row, whatever its format: the header first, then data rows.</summary>
internal interface ITableReader : IDisposable
{
    /// <summary>The next row: its number as the spreadsheet shows it (header = 1) and its cells; false at the end.</summary>
    bool TryRead(out int row, out string[] cells);

    /// <summary>How far the file has been read, in bytes of the file.</summary>
    long BytesDone { get; }
    long BytesTotal { get; }
}

internal static class TableReaders
{
    public static ITableReader Open(string path, bool isXlsx, string? encoding) =>
        isXlsx ? XlsxReader.Open(path) : new CsvTableReader(path, encoding ?? TextDetection.Utf8);

    /// <summary>Whether the bytes start like a zip archive (every XLSX is one).</summary>
    public static bool LooksLikeZip(ReadOnlySpan<byte> start) => start.Length >= 4 && start[0] == 'P' && start[1] == 'K' && start[2] == 3 && start[3] == 4;
}

/// <summary>
/// RFC 4180, read with CsvHelper: fields separated by commas, records by CRLF or LF; a field in double
/// quotes may hold commas, line breaks and doubled quotes, and a record that spans lines is still one
/// spreadsheet row. Blank lines are rows too, so that row numbers match the spreadsheet's. Quoting that
/// only looks broken is taken as a spreadsheet would show it (a stray quote is text, <c>"ab"c</c> is
/// <c>abc</c>); a quoted field left open to the end of the file, a field too long or too many columns
/// stop the file with a reason for the person who uploaded it.
/// </summary>
internal sealed class CsvTableReader : ITableReader
{
    private const int MaxFieldLength = 100_000;
    private const int MaxFields = 1_000;

    private readonly FileStream _file;
    private readonly CsvReader _csv;
    private int _row;

    public CsvTableReader(string path, string encoding)
    {
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        _csv = CsvReader.Create(_file, new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = false, // the header is a row like the others for the callers
            Mode = CsvMode.Rfc4180,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = false,
            TrimWhitespace = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = record =>
            {
                if (record.Reason == CsvMalformedReason.UnterminatedQuote)
                {
                    throw new ImportFileException($"row {_row + 1}: a quoted field is never closed (a \" is missing)");
                }
            },
            // A record longer than any row can be (every field at its longest, in UTF-8) is a quote left open.
            MaxRecordSize = MaxFieldLength * 4,
            Encoding = TextDetection.GetEncoding(encoding),
            PoolStrings = true, // the same compound or building name on many rows is one string
        }, leaveOpen: true);
    }

    public long BytesDone => _file.Position;
    public long BytesTotal => _file.Length;

    public bool TryRead(out int row, out string[] cells)
    {
        try
        {
            if (!_csv.Read())
            {
                row = 0;
                cells = [];
                return false;
            }
        }
        catch (CsvFormatException)
        {
            throw TooLong();
        }
        if (_csv.FieldCount > MaxFields)
        {
            throw new ImportFileException($"row {_row + 1}: more than {MaxFields} columns; is this a CSV file?");
        }
        cells = new string[_csv.FieldCount];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = _csv.GetString(i);
            if (cells[i].Length > MaxFieldLength)
            {
                throw TooLong();
            }
        }
        row = ++_row;
        return true;
    }

    private ImportFileException TooLong() =>
        new($"row {_row + 1}: a field is longer than {MaxFieldLength} characters; is a quote left open, or is this not a CSV file?");

    public void Dispose()
    {
        _csv.Dispose();
        _file.Dispose();
    }
}

/// <summary>
/// The first worksheet of an XLSX workbook, read with OpenXmlReader (SAX): one row in memory at a
/// time. Text cells point into the shared strings table, which is read first.
/// </summary>
internal sealed class XlsxReader : ITableReader
{
    private readonly FileStream _file;
    private readonly SpreadsheetDocument _document;
    private readonly OpenXmlReader _reader;
    private readonly List<string> _sharedStrings;
    private int _lastRow;
    private bool _started;

    private XlsxReader(FileStream file, SpreadsheetDocument document, OpenXmlReader reader, List<string> sharedStrings)
    {
        _file = file;
        _document = document;
        _reader = reader;
        _sharedStrings = sharedStrings;
    }

    public static XlsxReader Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        SpreadsheetDocument? document = null;
        try
        {
            document = SpreadsheetDocument.Open(file, false);
            var workbook = document.WorkbookPart ?? throw new ImportFileException("the file is not an XLSX workbook: it has no workbook part");
            var first = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault()
                ?? throw new ImportFileException("the workbook has no worksheet");
            if (first.Id?.Value is not { } relationship || workbook.GetPartById(relationship) is not WorksheetPart sheet)
            {
                throw new ImportFileException("the workbook's first sheet is not a worksheet");
            }
            var shared = new List<string>();
            if (workbook.SharedStringTablePart is { } sharedPart)
            {
                using var strings = OpenXmlReader.Create(sharedPart);
                strings.Read();
                while (!strings.EOF)
                {
                    if (strings.ElementType == typeof(SharedStringItem) && strings.IsStartElement)
                    {
                        shared.Add(((SharedStringItem)strings.LoadCurrentElement()!).InnerText);
                    }
                    else if (!strings.Read())
                    {
                        break;
                    }
                }
            }
            return new XlsxReader(file, document, OpenXmlReader.Create(sheet), shared);
        }
        catch (Exception e) when (e is not ImportFileException)
        {
            document?.Dispose();
            file.Dispose();
            throw new ImportFileException($"the file is not an XLSX workbook that can be read ({e.GetType().Name}: {e.Message}); save it again from the spreadsheet program as .xlsx or .csv");
        }
        catch
        {
            document?.Dispose();
            file.Dispose();
            throw;
        }
    }

    public long BytesDone => _file.Position;
    public long BytesTotal => _file.Length;

    public bool TryRead(out int row, out string[] cells)
    {
        try
        {
            if (!_started)
            {
                _started = true;
                _reader.Read();
            }
            while (!_reader.EOF)
            {
                if (_reader.ElementType == typeof(Row) && _reader.IsStartElement)
                {
                    var element = (Row)_reader.LoadCurrentElement()!;
                    row = element.RowIndex?.Value is { } index ? (int)index : _lastRow + 1;
                    _lastRow = row;
                    cells = Cells(element);
                    return true;
                }
                if (!_reader.Read())
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is System.Xml.XmlException or InvalidDataException or IOException)
        {
            throw new ImportFileException($"the worksheet cannot be read after row {_lastRow}: {e.Message}");
        }
        row = 0;
        cells = [];
        return false;
    }

    private string[] Cells(Row row)
    {
        var values = new List<string>();
        foreach (var cell in row.Elements<Cell>())
        {
            var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : values.Count;
            while (values.Count < column)
            {
                values.Add("");
            }
            values.Add(Value(cell));
        }
        return [.. values];
    }

    private string Value(Cell cell)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }
        var raw = cell.CellValue?.Text ?? "";
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < _sharedStrings.Count ? _sharedStrings[i] : "";
        }
        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "TRUE" : "FALSE";
        }
        return raw;
    }

    /// <summary>"C7" → 2.</summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }
            index = index * 26 + (c - 'A' + 1);
        }
        return Math.Max(0, index - 1);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _document.Dispose();
        _file.Dispose();
    }
}
