using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Resources;
using System.Text.Json;
using System.Text.RegularExpressions;
using GreenGrid.Platform.Errors;
using GreenGrid.Tests.Support;

namespace GreenGrid.Tests.Platform;

/// <summary>The two tables of the server's messages (Resources/Messages.resx, Messages.zh-CN.resx) and the code that names them.</summary>
public sealed partial class MessageTableTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private static Dictionary<string, string> Table(CultureInfo culture)
    {
        var manager = new ResourceManager("GreenGrid.Resources.Messages", typeof(Message).Assembly);
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"no message table for {culture.Name}");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    private static string[] Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Groups["index"].Value).Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public void Both_languages_have_the_same_codes_with_the_same_placeholders_and_no_empty_text()
    {
        var english = Table(CultureInfo.InvariantCulture);
        var chinese = Table(Chinese);

        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.Empty(chinese.Keys.Except(english.Keys));
        Assert.All(english, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), $"{e.Key} has no English text"));
        Assert.All(chinese, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), $"{e.Key} has no Chinese text"));
        Assert.All(english, e => Assert.True(Placeholders(e.Value).SequenceEqual(Placeholders(chinese[e.Key])),
            $"{e.Key}: English has {{{string.Join("}, {", Placeholders(e.Value))}}}, Chinese {{{string.Join("}, {", Placeholders(chinese[e.Key]))}}}"));
    }

    [Fact]
    public void Every_message_the_code_can_make_has_a_text_in_both_languages()
    {
        var english = Table(CultureInfo.InvariantCulture);
        var messages = MessageFactories().ToArray();
        Assert.True(messages.Length > 50, $"only {messages.Length} messages found: are the *Messages classes still where the test looks?");
        Assert.All(messages, m =>
        {
            Assert.True(english.ContainsKey(m.Message.Code), $"{m.Name} makes code {m.Message.Code}, which Messages.resx lacks");
            foreach (var culture in new[] { English, Chinese })
            {
                var text = m.Message.Text(culture); // throws on a placeholder without an argument
                Assert.False(string.IsNullOrWhiteSpace(text), $"{m.Name} in {culture.Name}");
            }
        });
        // Every entry of the table is made by some factory: no text is left behind by a removed code.
        Assert.Empty(english.Keys.Except(messages.Select(m => m.Message.Code)));
    }

    [Fact]
    public void Messages_are_made_only_in_the_message_classes_of_each_module()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "GreenGrid.slnx")))
        {
            root = root.Parent;
        }
        var sources = Directory.EnumerateFiles(Path.Combine(root!.FullName, "src", "GreenGrid.Modules"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var outside = sources.Where(f => !f.EndsWith("Messages.cs", StringComparison.Ordinal) && !f.EndsWith("Message.cs", StringComparison.Ordinal)
            && (File.ReadAllText(f).Contains("new Message(", StringComparison.Ordinal) || File.ReadAllText(f).Contains("Message => new(", StringComparison.Ordinal)));
        Assert.Empty(outside);
    }

    [Fact]
    public void A_message_reads_in_the_language_asked_for_with_the_page_labels_for_kinds()
    {
        var message = GreenGrid.Places.PlaceMessages.CannotHangUnder(GreenGrid.Places.PlaceKind.Compound, GreenGrid.Places.PlaceKind.District);
        Assert.Equal("a compound cannot hang under a district; under a district go: subdistrict, township", message.Text(English));
        Assert.Equal("小区不能放在区之下；区之下只能是：街道、乡镇", message.Text(Chinese));
        Assert.Equal("Places.CannotHangUnder", message.Code);
    }

    /// <summary>Every static property and method of a class named *Messages that makes a <see cref="Message"/>, called with sample arguments.</summary>
    private static IEnumerable<(string Name, Message Message)> MessageFactories()
    {
        var classes = typeof(Message).Assembly.GetTypes().Where(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("Messages", StringComparison.Ordinal));
        foreach (var type in classes)
        {
            const BindingFlags Static = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
            foreach (var method in type.GetMethods(Static).Where(m => m.ReturnType == typeof(Message) && !m.IsSpecialName))
            {
                foreach (var arguments in Samples(method.GetParameters()))
                {
                    yield return ($"{type.Name}.{method.Name}", (Message)method.Invoke(null, arguments)!);
                }
            }
            foreach (var property in type.GetProperties(Static).Where(p => p.PropertyType == typeof(Message)))
            {
                yield return ($"{type.Name}.{property.Name}", (Message)property.GetValue(null)!);
            }
        }
    }

    /// <summary>One set of sample arguments, and one more per bool parameter set to true and per nullable value left out (either may choose the code).</summary>
    private static IEnumerable<object?[]> Samples(ParameterInfo[] parameters)
    {
        var first = parameters.Select(p => Sample(p.ParameterType)).ToArray();
        yield return first;
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].ParameterType == typeof(bool) || Nullable.GetUnderlyingType(parameters[i].ParameterType) is not null)
            {
                var other = (object?[])first.Clone();
                other[i] = parameters[i].ParameterType == typeof(bool) ? true : null;
                yield return other;
            }
        }
    }

    private static object? Sample(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => "x",
            _ when type == typeof(char) => 'x',
            _ when type == typeof(DateOnly) => new DateOnly(2020, 2, 28),
            _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2020, 2, 28, 10, 0, 0, TimeSpan.FromHours(8)),
            _ when type == typeof(TimeOnly) => new TimeOnly(10, 0),
            _ when type == typeof(DateTime) => new DateTime(2020, 2, 28, 2, 0, 0, DateTimeKind.Utc),
            _ when type == typeof(object) => 7L,
            _ when type == typeof(Message) => PlatformMessages.Required,
            _ when type == typeof(GreenGrid.Certification.Workflow.ReasonView) =>
                new GreenGrid.Certification.Workflow.ReasonView("recentCase", 1, null, "fever", new DateOnly(2020, 2, 1), null, "sweep", 1, "昙华林", "Tanhualin"),
            _ when type == typeof(Microsoft.AspNetCore.Identity.IdentityError) => new Microsoft.AspNetCore.Identity.IdentityError { Code = "X", Description = "x" },
            _ when type.IsEnum => Enum.GetValues(type).GetValue(0),
            _ when type == typeof(bool) => false,
            _ when type.IsPrimitive || type == typeof(decimal) => Convert.ChangeType(1, type, CultureInfo.InvariantCulture),
            _ when type.IsArray => Array.CreateInstance(type.GetElementType()!, 1) is var array && type.GetElementType() == typeof(string) ? new[] { "x" } : array,
            _ when type.IsGenericType && type.GetGenericArguments() is [var element] && element == typeof(string) => new[] { "x" },
            _ when type.IsGenericType && type.GetGenericArguments() is [var element] && element.IsEnum => Array.CreateInstance(element, 1),
            _ => throw new InvalidOperationException($"no sample for a parameter of type {type}: add one"),
        };
    }

    [GeneratedRegex(@"(?<!\{)\{(?<index>\d+)(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}

/// <summary>A bad request through the real pipeline: the reasons in the caller's language, and the codes beside them.</summary>
public abstract class MessageApiTests(AppFixture fixture)
{
    private GreenGridApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> Problem(HttpRequestMessage request, HttpStatusCode status)
    {
        using var response = await App.Hq.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private HttpRequestMessage BadPlace(string? language)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/places")
        {
            Content = JsonContent.Create(new { parentId = App.TestCity.Id, kind = "district", code = "bad code!", nameZh = "", nameEn = "District" }),
        };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        return request;
    }

    private static string[] Strings(JsonElement problem, string member, string field) =>
        [.. problem.GetProperty(member).GetProperty(field).EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public async Task A_bad_request_in_Chinese_gets_Chinese_reasons_naming_the_fields_and_their_codes()
    {
        var problem = await Problem(BadPlace("zh-CN,zh;q=0.9"), HttpStatusCode.BadRequest);

        Assert.Equal(["只能包含字母 A-Z、数字、“-”和“_”"], Strings(problem, "errors", "code"));
        Assert.Equal(["必填"], Strings(problem, "errors", "nameZh"));
        Assert.Equal(["Places.CodeCharacters"], Strings(problem, "codes", "code"));
        Assert.Equal(["Required"], Strings(problem, "codes", "nameZh"));
        Assert.Equal("请求中有字段填写不正确。", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_same_request_in_English_or_in_no_language_gets_the_English_reasons_and_the_same_codes()
    {
        foreach (var language in new[] { "en", null })
        {
            var problem = await Problem(BadPlace(language), HttpStatusCode.BadRequest);

            Assert.Equal(["may contain only letters A-Z, digits, '-' and '_'"], Strings(problem, "errors", "code"));
            Assert.Equal(["is required"], Strings(problem, "errors", "nameZh"));
            Assert.Equal(["Places.CodeCharacters"], Strings(problem, "codes", "code"));
            Assert.Equal("The request has invalid fields.", problem.GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task Not_found_and_conflict_carry_a_top_level_code_and_speak_the_callers_language()
    {
        var missing = new HttpRequestMessage(HttpMethod.Get, "/api/v1/places/987654321");
        missing.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var notFound = await Problem(missing, HttpStatusCode.NotFound);
        Assert.Equal("Places.NotFound", notFound.GetProperty("code").GetString());
        Assert.Equal("地点 987654321 不存在。", notFound.GetProperty("detail").GetString());

        var english = await Problem(new HttpRequestMessage(HttpMethod.Get, "/api/v1/places/987654321"), HttpStatusCode.NotFound);
        Assert.Equal("place 987654321 does not exist.", english.GetProperty("detail").GetString());

        var district = await new TreeBuilder(App).Create(App.TestCity.Id, GreenGrid.Places.PlaceKind.District);
        var twice = new HttpRequestMessage(HttpMethod.Post, "/api/v1/places")
        {
            Content = JsonContent.Create(new { parentId = App.TestCity.Id, kind = "district", code = district.Code, nameZh = "区", nameEn = "District" }),
        };
        twice.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var conflict = await Problem(twice, HttpStatusCode.Conflict);
        Assert.Equal("Places.CodeUsed", conflict.GetProperty("code").GetString());
        Assert.Equal([$"同一上级下已有地点使用编码“{district.Code}”"], Strings(conflict, "errors", "code"));
        Assert.Equal(["Places.CodeUsed"], Strings(conflict, "codes", "code"));
    }

    [Fact]
    public async Task An_unreadable_body_is_named_in_the_callers_language()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/places")
        {
            Content = new StringContent("""{"parentId": 1, "kind": "palace", "code": "X", "nameZh": "X", "nameEn": "X"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var problem = await Problem(request, HttpStatusCode.BadRequest);
        Assert.StartsWith("须为以下之一：", Strings(problem, "errors", "kind").Single(), StringComparison.Ordinal);
        Assert.Equal(["OneOf"], Strings(problem, "codes", "kind"));
    }
}

public sealed class MessageApiTests_on_Sqlite(SqliteApp fixture) : MessageApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class MessageApiTests_on_Postgres(PostgresApp fixture) : MessageApiTests(fixture), IClassFixture<PostgresApp>;
