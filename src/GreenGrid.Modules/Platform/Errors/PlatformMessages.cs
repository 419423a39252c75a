namespace GreenGrid.Platform.Errors;

/// <summary>The messages every module uses (a field's form, a list's page, the titles of problems) and the platform's own.</summary>
public static class PlatformMessages
{
    public static Message InvalidTitle => new("Problem.Invalid");
    public static Message NotFoundTitle => new("Problem.NotFound");
    public static Message ConflictTitle => new("Problem.Conflict");
    public static Message UnreadableTitle => new("Problem.Unreadable");

    /// <summary>
    /// A reason still written as an English sentence at its call site (code "Untranslated"), until the
    /// call site has its own code; the text is the same in both languages.
    /// </summary>
    internal static Message Untranslated(string text) => new("Untranslated", text);

    public static Message Required => new("Required");
    public static Message TooLong(int max, int got) => new("TooLong", max, got);
    public static Message ControlCharacters => new("ControlCharacters");
    public static Message ZeroOrMore => new("ZeroOrMore");
    public static Message NotNegative => new("NotNegative");
    public static Message Between(int min, int max) => new("Between", min, max);
    public static Message NotBeforeFrom => new("NotBeforeFrom");
    /// <summary>The value is not one of a fixed set; <paramref name="names"/> are the API's names of the set.</summary>
    public static Message OneOf(IEnumerable<string> names) => new("OneOf", string.Join(", ", names));
    public static Message InFuture(DateOnly date, DateOnly today) => new("InFuture", date, today);
    public static Message DateInFuture(DateOnly date) => new("DateInFuture", date);
    /// <summary>"is in the future (today is …)", for a field whose value the sentence does not repeat.</summary>
    public static Message IsInFuture(DateOnly today) => new("IsInFuture", today);

    // A body that cannot be read (BadRequestExceptionHandler).
    public static Message NotJsonObject => new("Body.NotJsonObject");
    public static Message MustBeBoolean => new("Body.Boolean");
    public static Message MustBeText => new("Body.Text");
    public static Message MustBeDate => new("Body.Date");
    public static Message MustBeDateTime => new("Body.DateTime");
    public static Message MustBeNumber => new("Body.Number");
    public static Message MustBeList => new("Body.List");
    public static Message WrongType => new("Body.WrongType");
    /// <summary>What the framework said about a request it could not bind (a query value of the wrong form): its own English words.</summary>
    public static Message Unreadable(string frameworkReason) => new("Body.Unreadable", frameworkReason);
}
