using GreenGrid.Places;
using GreenGrid.Platform.Errors;

namespace GreenGrid.Access;

/// <summary>The messages of closed management and passes (texts in Resources/Messages.resx under <c>Access.</c>).</summary>
internal static class AccessMessages
{
    public static Message GateNotFound(object id) => new("Access.GateNotFound", id);
    public static Message CompoundNotFound(object id) => new("Access.CompoundNotFound", id);
    public static Message PassNotFound(object id) => new("Access.PassNotFound", id);

    public static Message ScanIdCharacters => new("Access.ScanIdCharacters");
    public static Message TokenTooLong(int max, int got, int tokenLength) => new("Access.TokenTooLong", max, got, tokenLength);
    public static Message DirectionRequired => new("Access.DirectionRequired");
    public static Message DirectionInOrOut(string given) => new("Access.DirectionInOrOut", given);
    public static Message Temperature(decimal min, decimal max, decimal got) => new("Access.Temperature", min, max, got);
    public static Message ScannedAtRequired => new("Access.ScannedAtRequired");

    public static Message NotAnOpenGate(long gate) => new("Access.NotAnOpenGate", gate);
    public static Message NoGateYet => new("Access.NoGateYet");
    public static Message BothTimesOrNeither => new("Access.BothTimesOrNeither");
    public static Message FeverThreshold(decimal got) => new("Access.FeverThreshold", got);
    public static Message OrderInPast => new("Access.OrderInPast");

    public static Message HolderKindRequired => new("Access.HolderKindRequired");
    public static Message HolderNotOnRegister(long resident) => new("Access.HolderNotOnRegister", resident);
    public static Message HolderResidentRequired => new("Access.HolderResidentRequired");
    public static Message PassPlaceKind(long place, PlaceKind kind) => new("Access.PassPlaceKind", place, PlaceMessages.Kind(kind));
    public static Message PassWhereTheyLive => new("Access.PassWhereTheyLive");
    public static Message PassPlaceRequired => new("Access.PassPlaceRequired");
    public static Message ValidFromToday(DateOnly today) => new("Access.ValidFromToday", today);
    public static Message ValidUntilBeforeFrom => new("Access.ValidUntilBeforeFrom");
    public static Message ValidityTooLong(int days) => new("Access.ValidityTooLong", days);
    public static Message QuotaRuleUnknown(long rule, string rules) => new("Access.QuotaRuleUnknown", rule, rules);
    public static Message NoCommunityAboveHome => new("Access.NoCommunityAboveHome");

    public static Message ScansEmpty => new("Access.ScansEmpty");
    public static Message ScansTooMany(int max, int got) => new("Access.ScansTooMany", max, got);
    public static Message ScanIdTwice => new("Access.ScanIdTwice");
    public static Message DecisionRequired => new("Access.DecisionRequired");
    public static Message ReasonRequired => new("Access.ReasonRequired");

    public static Message PassRevoked(long id, DateTime? at) => new("Access.PassRevoked", id, at?.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
    public static Message GateNameTaken(string? name) => new("Access.GateNameTaken", name);
    public static Message GateRetired(long id) => new("Access.GateRetired", id);
}
