using System.Text.Json;

namespace GreenGrid.Platform.Limits;

/// <summary>
/// The account name a sign-in attempt names, read from its body before the endpoint reads it: the
/// <c>userName</c> of a JSON body, or the form field named <c>userName</c> or <c>….UserName</c>
/// (the sign-in page's <c>Input.UserName</c>). The body stays readable for the endpoint.
/// </summary>
internal static class SignInNames
{
    private const int MaxJsonBody = 16 * 1024; // a name and a password; anything larger is not a sign-in
    private const int MaxName = 64;
    private static readonly object Key = new();

    public static string? Of(HttpContext context) => context.Items.TryGetValue(Key, out var name) ? name as string : null;

    public static async Task ReadAsync(HttpContext context)
    {
        var name = context.Request.HasFormContentType ? await FromForm(context) : await FromJson(context);
        if (!string.IsNullOrWhiteSpace(name))
        {
            // As Identity compares names: one partition however the name is spelt.
            name = name.Trim().ToUpperInvariant();
            context.Items[Key] = name.Length > MaxName ? name[..MaxName] : name;
        }
    }

    private static async Task<string?> FromForm(HttpContext context)
    {
        try
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted); // kept for the page to read
            return form.FirstOrDefault(field => field.Key.Equals("userName", StringComparison.OrdinalIgnoreCase)
                || field.Key.EndsWith(".UserName", StringComparison.OrdinalIgnoreCase)).Value.FirstOrDefault();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return null; // the page answers a bad form itself
        }
    }

    private static async Task<string?> FromJson(HttpContext context)
    {
        if (context.Request.ContentLength is > MaxJsonBody)
        {
            return null;
        }
        context.Request.EnableBuffering();
        var buffer = new byte[MaxJsonBody];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted)) > 0)
        {
            length += read;
        }
        context.Request.Body.Position = 0;
        try
        {
            using var json = JsonDocument.Parse(buffer.AsMemory(0, length));
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (property.Name.Equals("userName", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
                {
                    return property.Value.GetString();
                }
            }
            return null;
        }
        catch (JsonException)
        {
            return null; // the endpoint names the bad field itself
        }
    }
}
