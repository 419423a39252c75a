namespace GreenGrid.Resources;

/// <summary>
/// The texts of the web pages: <c>IStringLocalizer&lt;UiText&gt;</c> reads UiText.resx (English,
/// the neutral language) and UiText.zh-CN.resx (Chinese, built into a satellite assembly).
/// Keys are grouped by prefix: <c>Nav.</c>, <c>Place.</c>, <c>Kind.</c> (one place), <c>Kinds.</c> (a count of them), ...
/// </summary>
internal sealed class UiText;
