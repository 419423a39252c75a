using GreenGrid.Platform.Data;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace GreenGrid.Register.Import;

/// <summary>
/// Writes checked rows into the staging table (<see cref="ImportRow"/>) the way the demo loader writes a city: on
/// SQLite one prepared INSERT bound by position, on PostgreSQL binary COPY. Rows go in batches,
/// each its own short transaction, so that the dry run holds no transaction open from start to end
/// and other writers get their turn between batches.
/// </summary>
internal abstract class ImportStaging : IDisposable
{
    public const int BatchSize = 50_000;

    /// <summary>The staged rows' table and the columns bound below, in their order.</summary>
    public static readonly BulkTable Table = BulkTable.Of<ImportRow>(
        nameof(ImportRow.ImportId), nameof(ImportRow.Row), nameof(ImportRow.BuildingId), nameof(ImportRow.Room), nameof(ImportRow.Name),
        nameof(ImportRow.Sex), nameof(ImportRow.BirthDate), nameof(ImportRow.DocumentType), nameof(ImportRow.IdNumber), nameof(ImportRow.Phone),
        nameof(ImportRow.Relationship), nameof(ImportRow.Residence), nameof(ImportRow.Vulnerabilities), nameof(ImportRow.Note), nameof(ImportRow.Unchanged));

    private static readonly string[] SexNames = Enum.GetNames<Sex>();
    private static readonly string[] RelationshipNames = Enum.GetNames<Relationship>();
    private static readonly string[] ResidenceNames = Enum.GetNames<Residence>();
    private static readonly string[] DocumentTypeNames = Enum.GetNames<DocumentType>();

    protected readonly long ImportId;
    private int _inBatch;

    protected ImportStaging(long importId) => ImportId = importId;

    public static ImportStaging Open(DatabaseConnection connection, long importId) =>
        connection.Provider == DatabaseProvider.Postgres ? new PostgresStaging(connection.ConnectionString, importId) : new SqliteStaging(connection.ConnectionString, importId);

    public void Add(int row, long buildingId, string room, ResidentFacts facts)
    {
        if (_inBatch == 0)
        {
            BeginBatch();
        }
        Write(row, buildingId, room, facts);
        if (++_inBatch == BatchSize)
        {
            EndBatch();
            _inBatch = 0;
        }
    }

    public void Complete()
    {
        if (_inBatch > 0)
        {
            EndBatch();
            _inBatch = 0;
        }
    }

    protected abstract void BeginBatch();
    protected abstract void Write(int row, long buildingId, string room, ResidentFacts f);
    protected abstract void EndBatch();
    public abstract void Dispose();

    private sealed class SqliteStaging : ImportStaging
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteInsert _insert;
        private SqliteTransaction? _transaction;

        public SqliteStaging(string connectionString, long importId) : base(importId)
        {
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
            SqlitePragmas.Apply(_connection);
            _insert = new SqliteInsert(_connection, Table);
        }

        protected override void BeginBatch() => _transaction = _connection.BeginTransaction(deferred: false);

        protected override void Write(int row, long buildingId, string room, ResidentFacts f)
        {
            _insert.Integer(1, ImportId);
            _insert.Integer(2, row);
            _insert.Integer(3, buildingId);
            _insert.Text(4, room);
            _insert.Text(5, f.Name);
            _insert.Text(6, SexNames[(int)f.Sex]);
            _insert.Date(7, f.BirthDate);
            _insert.Text(8, DocumentTypeNames[(int)f.DocumentType]);
            _insert.Text(9, f.IdNumber);
            _insert.Text(10, f.Phone);
            _insert.Text(11, RelationshipNames[(int)f.Relationship]);
            _insert.Text(12, ResidenceNames[(int)f.Residence]);
            _insert.Integer(13, (long)f.Vulnerabilities);
            _insert.Text(14, f.Note);
            _insert.Integer(15, 0);
            _insert.Execute();
        }

        protected override void EndBatch()
        {
            _transaction!.Commit();
            _transaction.Dispose();
            _transaction = null;
        }

        public override void Dispose()
        {
            _transaction?.Dispose();
            _insert.Dispose();
            _connection.Dispose();
        }
    }

    private sealed class PostgresStaging : ImportStaging
    {
        private readonly NpgsqlConnection _connection;
        private NpgsqlBinaryImporter? _importer;

        public PostgresStaging(string connectionString, long importId) : base(importId)
        {
            _connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { WriteBufferSize = 64 * 1024 }.ToString());
            _connection.Open();
        }

        protected override void BeginBatch() =>
            _importer = _connection.BeginBinaryImport($"COPY \"{Table.Name}\" ({Table.ColumnList}) FROM STDIN (FORMAT BINARY)");

        protected override void Write(int row, long buildingId, string room, ResidentFacts f)
        {
            var to = _importer!;
            to.StartRow();
            to.Write(ImportId, NpgsqlDbType.Bigint);
            to.Write(row, NpgsqlDbType.Integer);
            to.Write(buildingId, NpgsqlDbType.Bigint);
            to.Write(room, NpgsqlDbType.Varchar);
            to.Write(f.Name, NpgsqlDbType.Varchar);
            to.Write(SexNames[(int)f.Sex], NpgsqlDbType.Varchar);
            to.Write(f.BirthDate, NpgsqlDbType.Date);
            to.Write(DocumentTypeNames[(int)f.DocumentType], NpgsqlDbType.Varchar);
            to.Write(f.IdNumber, NpgsqlDbType.Varchar);
            Nullable(to, f.Phone);
            to.Write(RelationshipNames[(int)f.Relationship], NpgsqlDbType.Varchar);
            to.Write(ResidenceNames[(int)f.Residence], NpgsqlDbType.Varchar);
            to.Write((int)f.Vulnerabilities, NpgsqlDbType.Integer);
            Nullable(to, f.Note);
            to.Write(false, NpgsqlDbType.Boolean);
        }

        private static void Nullable(NpgsqlBinaryImporter to, string? value)
        {
            if (value is null)
            {
                to.WriteNull();
            }
            else
            {
                to.Write(value, NpgsqlDbType.Varchar);
            }
        }

        protected override void EndBatch()
        {
            _importer!.Complete();
            _importer.Dispose();
            _importer = null;
        }

        public override void Dispose()
        {
            _importer?.Dispose();
            _connection.Dispose();
        }
    }
}
