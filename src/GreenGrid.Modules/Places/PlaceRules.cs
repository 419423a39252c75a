using GreenGrid.Platform;
using GreenGrid.Platform.Errors;

namespace GreenGrid.Places;

/// <summary>The rules that every place must keep, checked before anything is written.</summary>
[ModuleContract]
public static class PlaceRules
{
    public const int CodeMaxLength = 32;
    public const int NameMaxLength = 100;

    /// <summary>Codes are letters, digits, '-' and '_': they appear in paths, exports and QR codes.</summary>
    public static string? Code(ValidationErrors errors, string field, string? code)
    {
        var value = errors.Text(field, code, CodeMaxLength);
        if (value is not null && !errors.Has(field) && !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors.Add(field, PlaceMessages.CodeCharacters);
        }
        return value;
    }

    public static string? Name(ValidationErrors errors, string field, string? name) =>
        errors.Text(field, name, NameMaxLength);

    public static Message KindMismatch(PlaceKind child, PlaceKind? parent) => parent is null
        ? PlaceMessages.NeedsParent(child)
        : PlaceMessages.CannotHangUnder(child, parent.Value);

    /// <summary>The kind as the API spells it ("subdistrict").</summary>
    public static string KindName(PlaceKind kind) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
}
