using GreenGrid.Platform;
using GreenGrid.Platform.Errors;

namespace GreenGrid.Register;

/// <summary>The messages of the register (texts in Resources/Messages.resx under <c>Register.</c>).</summary>
[ModuleContract]
public static class RegisterMessages
{
    public static Message ResidentNotFound(object id) => new("Register.ResidentNotFound", id);
    public static Message HouseholdNotFound(object id) => new("Register.HouseholdNotFound", id);
    public static Message NoHouseholdOfAccount => new("Register.NoHouseholdOfAccount");
    public static Message BuildingNotFound(object id) => new("Register.BuildingNotFound", id);
    public static Message MergeNotFound(object id) => new("Register.MergeNotFound", id);
    public static Message ImportNotFound(object id) => new("Register.ImportNotFound", id);

    public static Message MergedRecordGone(long id) => new("Register.MergedRecordGone", id);
    public static Message MergeIntoItself => new("Register.MergeIntoItself");
    public static Message NotAField(string given, IEnumerable<string> fields) => new("Register.NotAField", given, string.Join(", ", fields));
    public static Message MergeUndone(long id) => new("Register.MergeUndone", id);
    public static Message LaterMergeInForce(long keptId) => new("Register.LaterMergeInForce", keptId);

    public static Message StatusRequired => new("Register.StatusRequired");
    public static Message StatusDateRequired => new("Register.StatusDateRequired");
    public static Message BeforeBirth(DateOnly date) => new("Register.BeforeBirth", date);
    public static Message BuildingRetired(long id) => new("Register.BuildingRetired", id);
    public static Message NotABuilding(long id, Places.PlaceKind kind) => new("Register.NotABuilding", id, Places.PlaceMessages.Kind(kind));
    public static Message RoomTaken(string? room, long buildingId) => new("Register.RoomTaken", room, buildingId);
    public static Message RoomTakenHere(string? room) => new("Register.RoomTakenHere", room);
    public static Message AlreadyInHousehold => new("Register.AlreadyInHousehold");
    public static Message TooManyForWorksheet(int count, int max) => new("Register.TooManyForWorksheet", count, max);

    public static Message ImportFileRequired => new("Register.ImportFileRequired");
    /// <summary>The framework's own (English) words about a multipart body it could not read.</summary>
    public static Message UploadUnreadable(string reason) => new("Register.UploadUnreadable", reason);
    public static Message MayBeRegisteredTitle => new("Register.MayBeRegisteredTitle");
    public static Message IdNumberRegistered => new("Register.IdNumberRegistered");
    public static Message SamePersonRegistered => new("Register.SamePersonRegistered");
    public static Message BirthDateDisagrees(DateOnly given, DateOnly written) => new("Register.BirthDateDisagrees", given, written);
    public static Message SexDisagrees(Sex inNumber) => new("Register.SexDisagrees", Sex(inNumber));
    public static Message BirthDateTooEarly(DateOnly given, DateOnly earliest) => new("Register.BirthDateTooEarly", given, earliest);
    public static Message SexRequired => new("Register.SexRequired");
    public static Message UnknownVulnerability => new("Register.UnknownVulnerability");
    public static Message NotAPhone(string value) => new("Register.NotAPhone", value);
    public static Message PassportNumber => new("Register.PassportNumber");
    public static Message HongKongMacaoNumber => new("Register.HongKongMacaoNumber");
    public static Message TaiwanNumber => new("Register.TaiwanNumber");
    public static Message UnknownDocumentType => new("Register.UnknownDocumentType");

    // What is wrong with a resident ID card number (ResidentIdNumber.Problem).
    public static Message IdLength(int got) => new("Register.IdLength", got);
    public static Message IdDigit(int position, char got) => new("Register.IdDigit", position, got);
    public static Message IdLastCharacter(char got) => new("Register.IdLastCharacter", got);
    public static Message IdRegion(string region) => new("Register.IdRegion", region);
    public static Message IdBirthDate(string digits) => new("Register.IdBirthDate", digits);
    public static Message IdBefore1900(DateOnly birth) => new("Register.IdBefore1900", birth);
    public static Message IdCheckDigit(char got, char expected) => new("Register.IdCheckDigit", got, expected);

    private static Label Sex(Sex sex) => new($"Sex.{sex}", sex.ToString().ToLowerInvariant());
}
