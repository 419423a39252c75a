using System.Globalization;
using System.Resources;
using GreenGrid.Platform.Localization;

namespace GreenGrid.Platform.Errors;

/// <summary>
/// What the server tells a caller: a stable <see cref="Code"/> that clients may rely on, and the
/// arguments of its sentence. The sentence in each language is the entry named by the code in
/// Resources/Messages.resx (English) and Messages.zh-CN.resx, rendered when the answer is produced,
/// in the caller's UI culture. Each module creates its messages in one class named <c>*Messages</c>.
/// </summary>
public sealed class Message
{
    internal Message(string code, params object?[] arguments)
    {
        Code = code;
        Arguments = arguments;
    }

    public string Code { get; }

    /// <summary>Plain values (numbers, dates, names), <see cref="Label"/>s, or other messages.</summary>
    public IReadOnlyList<object?> Arguments { get; }

    public string Text(CultureInfo culture) => MessageTexts.Render(this, culture);

    /// <summary>The text in the current UI culture (the request's, or the page's).</summary>
    public override string ToString() => Text(CultureInfo.CurrentUICulture);
}

/// <summary>
/// A value named the way each language names it: in Chinese the page's label from UiText (one vocabulary:
/// no second table of labels), in English as the sentence has always named it, mostly the API's own
/// spelling of the value (what a client sends, e.g. "subdistrict").
/// </summary>
public sealed record Label(string UiTextKey, string English);

/// <summary>A name that has a form in each language (a place's 中文名 and English name).</summary>
public sealed record Bilingual(string Chinese, string English);

internal static class MessageTexts
{
    private static readonly ResourceManager MessageTable = new("GreenGrid.Resources.Messages", typeof(Resources.Messages).Assembly);
    private static readonly ResourceManager UiTextTable = new("GreenGrid.Resources.UiText", typeof(Resources.UiText).Assembly);

    public static string Render(Message message, CultureInfo culture)
    {
        var template = MessageTable.GetString(message.Code, culture)
            ?? throw new InvalidOperationException($"The message code {message.Code} has no text in Resources/Messages.resx.");
        if (message.Arguments.Count == 0)
        {
            return template;
        }
        var arguments = message.Arguments.Select(a => Argument(a, culture)).ToArray();
        // Numbers and dates read the same in both languages (36.6, 2020-02-28): formatted invariantly.
        return string.Format(CultureInfo.InvariantCulture, template, arguments);
    }

    private static object? Argument(object? argument, CultureInfo culture) => argument switch
    {
        Message inner => inner.Text(culture),
        Label label => Languages.IsChinese(culture) ? UiTextTable.GetString(label.UiTextKey, culture) ?? label.English : label.English,
        Bilingual name => Languages.IsChinese(culture) ? name.Chinese : name.English,
        IEnumerable<Label> labels => string.Join(Languages.IsChinese(culture) ? "、" : ", ", labels.Select(l => Argument(l, culture))),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => argument,
    };

    /// <summary>Every code of the English table, for the tests that hold both tables and the code together.</summary>
    public static IReadOnlySet<string> Codes() =>
        MessageTable.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).ToHashSet(StringComparer.Ordinal);
}
