namespace GreenGrid.Resources;

/// <summary>
/// The texts of the server's messages (validation reasons, refusals, problems): Messages.resx (English,
/// the neutral language) and Messages.zh-CN.resx, one entry per message code (see <c>GreenGrid.Platform.Errors.Message</c>).
/// </summary>
internal sealed class Messages;
