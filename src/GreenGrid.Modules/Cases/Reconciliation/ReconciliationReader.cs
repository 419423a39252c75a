using GreenGrid.Platform.Files;
using System.Globalization;
using GreenGrid.Platform.Errors;
using GreenGrid.Register.Import;

namespace GreenGrid.Cases.Reconciliation;

/// <summary>One person of an uploaded list, checked.</summary>
public sealed record ListEntry(int Row, string Name, string IdNumber, CaseCategory Claimed, DateOnly? Date);

/// <summary>
/// Reads a small CSV list (UTF-8 with or without BOM, or GB18030/GBK, detected as the register
/// import does) with the columns name, ID number, status and optionally date, in English or
/// Chinese. Every problem names the row (as the spreadsheet numbers it, header = 1) and the column.
/// </summary>
public static class ReconciliationReader
{
    public const int NameMaxLength = 50;
    public const int IdNumberMaxLength = 32;
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxRows = 10_000;
    private const int MaxErrors = 100;

    private static readonly Dictionary<string, string> Columns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "name", ["姓名"] = "name",
        ["idnumber"] = "idNumber", ["id"] = "idNumber", ["documentnumber"] = "idNumber", ["身份证号"] = "idNumber", ["身份证号码"] = "idNumber", ["证件号码"] = "idNumber", ["证件号"] = "idNumber",
        ["status"] = "status", ["statusclaimed"] = "status", ["状态"] = "status", ["类别"] = "status", ["分类"] = "status",
        ["date"] = "date", ["日期"] = "date",
    };

    private static readonly Dictionary<string, CaseCategory> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["confirmed"] = CaseCategory.Confirmed, ["确诊"] = CaseCategory.Confirmed, ["确诊病例"] = CaseCategory.Confirmed,
        ["suspected"] = CaseCategory.Suspected, ["疑似"] = CaseCategory.Suspected, ["疑似病例"] = CaseCategory.Suspected,
        ["asymptomatic"] = CaseCategory.Asymptomatic, ["无症状"] = CaseCategory.Asymptomatic, ["无症状感染者"] = CaseCategory.Asymptomatic,
        ["fever"] = CaseCategory.Fever, ["发热"] = CaseCategory.Fever, ["发热病人"] = CaseCategory.Fever,
        ["closecontact"] = CaseCategory.CloseContact, ["close contact"] = CaseCategory.CloseContact, ["密接"] = CaseCategory.CloseContact, ["密切接触者"] = CaseCategory.CloseContact,
        ["recovered"] = CaseCategory.Recovered, ["治愈"] = CaseCategory.Recovered, ["治愈出院"] = CaseCategory.Recovered,
        ["died"] = CaseCategory.Died, ["死亡"] = CaseCategory.Died,
    };

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd"];

    /// <summary>The entries of the file, or null with errors (<c>file</c> for the file as a whole, <c>rows[N].column</c> for a cell).</summary>
    public static List<ListEntry>? Read(byte[] bytes, DateOnly asOf, ValidationErrors errors)
    {
        if (bytes.Length == 0)
        {
            errors.Add("file", CaseMessages.FileEmpty);
            return null;
        }
        if (bytes.Length > MaxBytes)
        {
            errors.Add("file", CaseMessages.ListTooLarge(MaxBytes / 1024 / 1024));
            return null;
        }
        if (TableReaders.LooksLikeZip(bytes))
        {
            errors.Add("file", CaseMessages.ListIsExcel);
            return null;
        }
        var detection = new TextDetection();
        detection.Feed(bytes);
        var (encoding, problem) = detection.Finish();
        if (encoding is null)
        {
            errors.Add("file", problem!);
            return null;
        }
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, bytes);
            using var reader = new CsvTableReader(path, encoding);
            return Read(reader, asOf, errors);
        }
        catch (ImportFileException e)
        {
            errors.Add("file", e.Message);
            return null;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static List<ListEntry>? Read(CsvTableReader reader, DateOnly asOf, ValidationErrors errors)
    {
        if (!reader.TryRead(out _, out var header))
        {
            errors.Add("file", CaseMessages.FileEmpty);
            return null;
        }
        var index = new Dictionary<string, int>();
        var headers = new Dictionary<string, string>();
        for (var i = 0; i < header.Length; i++)
        {
            var key = new string(header[i].Where(c => !char.IsWhiteSpace(c) && c is not '_' and not '-' and not '\uFEFF').ToArray());
            if (Columns.TryGetValue(key, out var field) && !index.ContainsKey(field))
            {
                index[field] = i;
                headers[field] = header[i].Trim();
            }
        }
        foreach (var (field, names) in new[] { ("name", "name/姓名"), ("idNumber", "idNumber/身份证号"), ("status", "status/状态") })
        {
            if (!index.ContainsKey(field))
            {
                errors.Add("file", $"row 1: the column {names} is missing (the header has: {string.Join(", ", header.Select(h => h.Trim()))})");
            }
        }
        if (!errors.IsEmpty)
        {
            return null;
        }
        var entries = new List<ListEntry>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.TryRead(out var row, out var cells))
        {
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (entries.Count >= MaxRows)
            {
                errors.Add("file", CaseMessages.ListTooManyRows(MaxRows));
                return null;
            }
            string Cell(string field) => index.TryGetValue(field, out var i) && i < cells.Length ? cells[i].Trim() : "";
            void Bad(string field, string reason)
            {
                if (errors.Count < MaxErrors)
                {
                    errors.Add($"rows[{row}].{field}", $"row {row}, column {headers[field]}: {reason}");
                }
            }
            var before = errors.Count;
            var name = Cell("name");
            if (name.Length == 0)
            {
                Bad("name", "is empty");
            }
            else if (name.Length > NameMaxLength)
            {
                Bad("name", $"is longer than {NameMaxLength} characters");
            }
            var id = Cell("idNumber").ToUpperInvariant();
            if (id.Length == 0)
            {
                Bad("idNumber", "is empty; people are matched on the ID number");
            }
            else if (id.Length > IdNumberMaxLength || !id.All(char.IsAsciiLetterOrDigit))
            {
                Bad("idNumber", $"'{Cell("idNumber")}' is not an ID or document number (letters and digits, at most {IdNumberMaxLength})");
            }
            else if (seen.TryGetValue(id, out var earlier))
            {
                Bad("idNumber", $"the same ID number is already on row {earlier}");
            }
            else
            {
                seen[id] = row;
            }
            var statusText = Cell("status");
            if (!Statuses.TryGetValue(statusText, out var claimed))
            {
                Bad("status", statusText.Length == 0 ? "is empty" : $"'{statusText}' is not a status: use confirmed, suspected, asymptomatic, fever, closeContact, recovered, died (确诊, 疑似, 无症状, 发热, 密接, 治愈, 死亡)");
            }
            DateOnly? date = null;
            var dateText = Cell("date");
            if (dateText.Length > 0)
            {
                if (!DateOnly.TryParseExact(dateText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    Bad("date", $"'{dateText}' is not a date like 2020-02-20");
                }
                else if (d > asOf)
                {
                    Bad("date", $"{d:yyyy-MM-dd} is after the list's date {asOf:yyyy-MM-dd}");
                }
                else
                {
                    date = d;
                }
            }
            if (errors.Count == before)
            {
                entries.Add(new ListEntry(row, name, id, claimed, date));
            }
        }
        if (errors.IsEmpty && entries.Count == 0)
        {
            errors.Add("file", CaseMessages.ListHeaderOnly);
        }
        return errors.IsEmpty ? entries : null;
    }
}
