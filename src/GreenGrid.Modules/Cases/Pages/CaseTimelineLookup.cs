using GreenGrid.Cases.RecordEvents;

namespace GreenGrid.Cases.Pages;

/// <summary>The answer to "whose timeline is <paramref name="Id"/>": <paramref name="Timeline"/> is null when it is not the caller's to see.</summary>
public sealed record CaseTimelineLookup(long Id, CaseTimeline? Timeline);
