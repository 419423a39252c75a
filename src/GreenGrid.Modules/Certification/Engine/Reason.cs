namespace GreenGrid.Certification.Engine;

public enum ReasonCode : byte
{
    /// <summary>A person of the compound had a case within the quiet days.</summary>
    RecentCase,
    /// <summary>A person of the compound is a suspected case, a fever patient or a close contact under management.</summary>
    UnderManagement,
    /// <summary>A required control is not attested, or was withdrawn.</summary>
    ControlMissing,
    /// <summary>A place under this one is not free.</summary>
    ChildNotFree,
}

/// <summary>One reason a place is not free. Only the fields of its code are meaningful; days are DayNumbers, <see cref="Until"/> is <see cref="Days.Never"/> when unknown.</summary>
public readonly record struct Reason(ReasonCode Code, int Person, EventType Type, int Day, Control Control, int Place)
{
    public static Reason RecentCase(int person, int caseDay) => new(ReasonCode.RecentCase, person, EventType.Confirmed, caseDay, default, -1);

    public static Reason UnderManagement(int person, EventType type, int until) => new(ReasonCode.UnderManagement, person, type, until, default, -1);

    public static Reason ControlMissing(Control control) => new(ReasonCode.ControlMissing, -1, default, 0, control, -1);

    public static Reason ChildNotFree(int place) => new(ReasonCode.ChildNotFree, -1, default, 0, default, place);

    /// <summary>The case's report date (recentCase).</summary>
    public DateOnly? Date => Code == ReasonCode.RecentCase ? DateOnly.FromDayNumber(Day) : null;

    /// <summary>The first day no longer under management (underManagement); null when it depends on something without a known end.</summary>
    public DateOnly? Until => Code == ReasonCode.UnderManagement && Day != Days.Never ? DateOnly.FromDayNumber(Day) : null;
}

/// <summary>A place's status on a day: free since (first day of the current free run), or free from (the earliest day it becomes free if nothing new happens; null when unknown).</summary>
public readonly record struct PlaceStatus(bool Free, DateOnly? FreeSince, DateOnly? FreeFrom);

/// <summary>The certification curve: per day, how many places of each level are free.</summary>
public sealed record CertificationCurve(DateOnly From, int[] Compounds, int[] Communities, int[] Subdistricts, int[] Districts, int CompoundTotal, int CommunityTotal, int SubdistrictTotal, int DistrictTotal)
{
    public int DayCount => Compounds.Length;
}
