namespace GreenGrid.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
