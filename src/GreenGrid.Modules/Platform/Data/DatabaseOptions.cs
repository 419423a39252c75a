namespace GreenGrid.Platform.Data;

/// <summary>
/// The configuration section <c>Database</c>: which provider and which connection string.
/// Set it like any ASP.NET Core option: appsettings.json, <c>Database__Provider=Postgres</c>
/// in the environment, or <c>--Database:Provider=Postgres</c> on the command line.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// For SQLite, when empty, the file <c>greengrid.db</c> in <see cref="DataFolder"/> is used.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the SQLite file and other local data, relative to the content root.</summary>
    public string DataFolder { get; set; } = "data";
}
