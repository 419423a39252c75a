using System.Net;
using System.Text.Json;

namespace GreenGrid.Tests.Support;

public static class ProblemAssert
{
    /// <summary>
    /// Asserts a ProblemDetails answer with the given status whose <c>errors</c> name the field,
    /// and returns the reasons given for it.
    /// </summary>
    public static async Task<string[]> NamesField(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.True(json.RootElement.TryGetProperty("errors", out var errors), $"no 'errors' in {body}");
        Assert.True(errors.TryGetProperty(field, out var reasons), $"'{field}' not named in {body}");
        var texts = reasons.EnumerateArray().Select(r => r.GetString()!).ToArray();
        Assert.All(texts, t => Assert.False(string.IsNullOrWhiteSpace(t)));
        return texts;
    }
}
