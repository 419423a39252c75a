namespace GreenGrid.Register.Import;

/// <summary>The configuration section <c>Register</c>, as far as the import reads it.</summary>
public sealed class ImportOptions
{
    public const string Section = "Register";

    /// <summary>The largest file accepted (<c>Register:MaxImportBytes</c>), 256 MB by default.</summary>
    public long MaxImportBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Where uploaded files are kept; empty means <c>&lt;DataFolder&gt;/imports</c>.</summary>
    public string? ImportFolder { get; set; }

    /// <summary>Problems stored per import (all are counted).</summary>
    public int MaxStoredProblems { get; set; } = 5000;
}
