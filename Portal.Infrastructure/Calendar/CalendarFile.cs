using System.Globalization;
using System.Text;
using System.Text.Json;
using Portal.Domain.Calendar;

namespace Portal.Infrastructure.Calendar;

public enum CalendarFileFormat
{
    Json,
    Csv,
}

/// <summary>One date of an imported file, checked, with the line it was on.</summary>
public sealed record CalendarFileEntry(int Line, DateOnly Date, CalendarEntryKind Kind, string? Name);

/// <summary>What an imported file holds: a year and its entries, or the errors that refuse it whole.</summary>
public sealed record CalendarFileContent(int? Year, string? Notice, IReadOnlyList<CalendarFileEntry> Entries, IReadOnlyList<CalendarError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Reads a year of the calendar from a JSON or CSV file (formats: README, "工作日历 / Work calendar")
/// and checks every line, so that a file is refused whole, with every problem and its line, or
/// taken whole. Pure: it touches no database.
/// </summary>
public static class CalendarFile
{
    /// <summary>A year takes a few dozen lines; anything near this is not a calendar.</summary>
    public const int MaxBytes = 256 * 1024;

    private static readonly string[] CsvHeaders = ["date", "日期"];

    public static CalendarFileFormat? FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".json" => CalendarFileFormat.Json,
        ".csv" or ".txt" => CalendarFileFormat.Csv,
        _ => null,
    };

    /// <summary>
    /// The file's text: UTF-8 (with or without a byte-order mark), or, when the bytes are not valid
    /// UTF-8, GB18030 — what Excel on a Chinese Windows saves a CSV file as.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            return text.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(54936)!.GetString(bytes);
        }
    }

    public static CalendarFileContent Parse(string text, CalendarFileFormat format)
    {
        text = text.TrimStart('\uFEFF');
        if (Encoding.UTF8.GetByteCount(text) > MaxBytes)
        {
            return new(null, null, [], [new CalendarError(null, CalendarProblem.FileTooLarge, (MaxBytes / 1024).ToString(CultureInfo.InvariantCulture))]);
        }
        return format switch
        {
            CalendarFileFormat.Json => JsonFile.Parse(text),
            CalendarFileFormat.Csv => CsvFile.Parse(text),
        };
    }

    /// <summary>An entry as written, before its date is read.</summary>
    private sealed record RawEntry(int Line, string DateText, CalendarEntryKind Kind, string? Name);

    /// <summary>The checks both formats share: dates, years, duplicates, weekends, lengths.</summary>
    /// <param name="year">The year the file declares, when it declares a readable one.</param>
    /// <param name="yearOfFirstDate">Whether the file is of the year of its first date (CSV) rather than of a declared one (JSON).</param>
    private static CalendarFileContent Check(int? year, bool yearOfFirstDate, int? yearLine, string? notice, int? noticeLine, List<RawEntry> raw, List<CalendarError> errors)
    {
        if (year is { } declared && !CalendarYear.IsWithinRange(declared))
        {
            errors.Add(new(yearLine, CalendarProblem.YearOutOfRange, Text(declared)));
        }
        if (notice?.Trim().Length > CalendarYear.NoticeMaxLength)
        {
            errors.Add(new(noticeLine, CalendarProblem.NoticeTooLong, Text(CalendarYear.NoticeMaxLength)));
        }

        var entries = new List<CalendarFileEntry>();
        var firstLines = new Dictionary<DateOnly, int>();
        foreach (var entry in raw)
        {
            if (!DateOnly.TryParseExact(entry.DateText.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(new(entry.Line, CalendarProblem.MalformedDate, entry.DateText.Trim()));
                continue;
            }
            var firstDate = year is null && yearOfFirstDate;
            if (firstDate)
            {
                year = date.Year;
            }
            // The file's own year, when out of range, is refused once: at "year" in JSON, at the first date in CSV.
            if (!CalendarYear.IsWithinRange(date.Year) && (firstDate || date.Year != year))
            {
                errors.Add(new(entry.Line, CalendarProblem.YearOutOfRange, Text(date.Year)));
            }
            else if (year is { } fileYear && date.Year != fileYear)
            {
                errors.Add(new(entry.Line, CalendarProblem.DateOutsideYear, Format(date), Text(fileYear)));
            }
            if (firstLines.TryGetValue(date, out var firstLine))
            {
                errors.Add(new(entry.Line, CalendarProblem.DuplicateDate, Format(date), Text(firstLine)));
                continue;
            }
            firstLines.Add(date, entry.Line);
            if (entry.Kind == CalendarEntryKind.MakeUpWorkingDay && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                errors.Add(new(entry.Line, CalendarProblem.MakeUpDayNotOnWeekend, Format(date)));
            }
            var name = string.IsNullOrWhiteSpace(entry.Name) ? null : entry.Name.Trim();
            if (name?.Length > CalendarEntry.NameMaxLength)
            {
                errors.Add(new(entry.Line, CalendarProblem.NameTooLong, Text(CalendarEntry.NameMaxLength)));
            }
            entries.Add(new(entry.Line, date, entry.Kind, name));
        }
        if (raw.Count == 0 && errors.Count == 0)
        {
            errors.Add(new(null, CalendarProblem.NoEntries));
        }
        var sorted = errors.OrderBy(e => e.Line ?? 0).ToList();
        return new(year, string.IsNullOrWhiteSpace(notice) ? null : notice.Trim(), sorted.Count == 0 ? entries : [], sorted);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>{ "year": 2027, "notice": "…", "offDays": ["2027-01-01", { "date": "…", "name": "春节" }], "workDays": […] }</c>,
    /// the shape <c>GET /api/v1/calendar/{year}</c> answers with, plus optional names and notice.
    /// </summary>
    private static class JsonFile
    {
        public static CalendarFileContent Parse(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var lines = new LineIndex(bytes);
            var errors = new List<CalendarError>();
            var raw = new List<RawEntry>();
            int? year = null, yearLine = null, noticeLine = null;
            string? notice = null;
            var sawYear = false;
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            try
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return new(null, null, [], [new CalendarError(reader.TokenType == JsonTokenType.None ? null : lines.Of(reader.TokenStartIndex), CalendarProblem.MalformedJson)]);
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var field = reader.GetString()!;
                    var line = lines.Of(reader.TokenStartIndex);
                    reader.Read();
                    switch (field.ToLowerInvariant())
                    {
                        case "year":
                            sawYear = true;
                            yearLine = line;
                            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value))
                            {
                                year = value;
                            }
                            else
                            {
                                errors.Add(new(line, CalendarProblem.MalformedField, field));
                                reader.Skip();
                            }
                            break;
                        case "notice":
                            noticeLine = line;
                            if (reader.TokenType is JsonTokenType.String or JsonTokenType.Null)
                            {
                                notice = reader.GetString();
                            }
                            else
                            {
                                errors.Add(new(line, CalendarProblem.MalformedField, field));
                                reader.Skip();
                            }
                            break;
                        case "offdays":
                            ReadDays(ref reader, lines, field, line, CalendarEntryKind.DayOff, raw, errors);
                            break;
                        case "workdays":
                            ReadDays(ref reader, lines, field, line, CalendarEntryKind.MakeUpWorkingDay, raw, errors);
                            break;
                        default:
                            errors.Add(new(line, CalendarProblem.UnknownField, field));
                            reader.Skip();
                            break;
                    }
                }
                // Anything after the object is malformed JSON; reading on finds it.
                reader.Read();
            }
            catch (JsonException e)
            {
                return new(null, null, [], [new CalendarError((int)(e.LineNumber ?? 0) + 1, CalendarProblem.MalformedJson)]);
            }
            if (!sawYear)
            {
                errors.Add(new(null, CalendarProblem.MissingYear));
            }
            return Check(year, yearOfFirstDate: false, yearLine, notice, noticeLine, raw, errors);
        }

        private static void ReadDays(ref Utf8JsonReader reader, LineIndex lines, string field, int fieldLine, CalendarEntryKind kind, List<RawEntry> raw, List<CalendarError> errors)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                errors.Add(new(fieldLine, CalendarProblem.MalformedField, field));
                reader.Skip();
                return;
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var line = lines.Of(reader.TokenStartIndex);
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        raw.Add(new(line, reader.GetString()!, kind, null));
                        break;
                    case JsonTokenType.StartObject:
                        ReadDayObject(ref reader, lines, line, kind, raw, errors);
                        break;
                    default:
                        errors.Add(new(line, CalendarProblem.MalformedEntry));
                        reader.Skip();
                        break;
                }
            }
        }

        private static void ReadDayObject(ref Utf8JsonReader reader, LineIndex lines, int line, CalendarEntryKind kind, List<RawEntry> raw, List<CalendarError> errors)
        {
            string? date = null, name = null;
            var wellFormed = true;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.GetString()!;
                var fieldLine = lines.Of(reader.TokenStartIndex);
                reader.Read();
                switch (field.ToLowerInvariant())
                {
                    case "date" when reader.TokenType == JsonTokenType.String:
                        date = reader.GetString();
                        break;
                    case "name" when reader.TokenType is JsonTokenType.String or JsonTokenType.Null:
                        name = reader.GetString();
                        break;
                    case "date" or "name":
                        errors.Add(new(fieldLine, CalendarProblem.MalformedField, field));
                        wellFormed = false;
                        reader.Skip();
                        break;
                    default:
                        errors.Add(new(fieldLine, CalendarProblem.UnknownField, field));
                        wellFormed = false;
                        reader.Skip();
                        break;
                }
            }
            if (date is not null)
            {
                raw.Add(new(line, date, kind, name));
            }
            else if (wellFormed)
            {
                errors.Add(new(line, CalendarProblem.MalformedEntry));
            }
        }
    }

    /// <summary>
    /// <c>date,kind,name</c> per line: kind <c>off</c> (放假) or <c>work</c> (上班, a make-up working
    /// day), the name optional. A header line, blank lines and lines starting with # are skipped.
    /// </summary>
    private static class CsvFile
    {
        public static CalendarFileContent Parse(string text)
        {
            var errors = new List<CalendarError>();
            var raw = new List<RawEntry>();
            var lines = text.Split('\n');
            var first = true;
            for (var i = 0; i < lines.Length; i++)
            {
                var number = i + 1;
                var line = lines[i].TrimEnd('\r');
                if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
                {
                    continue;
                }
                var fields = Fields(line);
                if (first && fields is [var head, ..] && CsvHeaders.Contains(head.Trim(), StringComparer.OrdinalIgnoreCase))
                {
                    first = false;
                    continue;
                }
                first = false;
                if (fields is null || fields.Count is < 2 or > 3)
                {
                    errors.Add(new(number, CalendarProblem.MalformedEntry));
                    continue;
                }
                if (KindOf(fields[1]) is not { } kind)
                {
                    errors.Add(new(number, CalendarProblem.UnknownKind, fields[1].Trim()));
                    continue;
                }
                raw.Add(new(number, fields[0], kind, fields.Count == 3 ? fields[2] : null));
            }
            return Check(null, yearOfFirstDate: true, null, null, null, raw, errors);
        }

        private static CalendarEntryKind? KindOf(string text) => text.Trim().ToLowerInvariant() switch
        {
            "off" or "放假" or "休" => CalendarEntryKind.DayOff,
            "work" or "上班" or "班" => CalendarEntryKind.MakeUpWorkingDay,
            _ => null,
        };

        /// <summary>The comma-separated fields of a line, quoted as RFC 4180 quotes them; null when a quote is left open.</summary>
        private static List<string>? Fields(string line)
        {
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }
            if (quoted)
            {
                return null;
            }
            fields.Add(field.ToString());
            return fields;
        }
    }

    /// <summary>The line (from 1) of a byte offset into UTF-8 text.</summary>
    private sealed class LineIndex
    {
        private readonly List<long> _lineStarts = [0];

        public LineIndex(byte[] bytes)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    _lineStarts.Add(i + 1);
                }
            }
        }

        public int Of(long offset)
        {
            var index = _lineStarts.BinarySearch(offset);
            return (index >= 0 ? index : ~index - 1) + 1;
        }
    }
}
