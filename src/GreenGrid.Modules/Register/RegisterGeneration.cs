using GreenGrid.Platform;

namespace GreenGrid.Register;

/// <summary>
/// A number that grows whenever residents are written (moves, merges, new members, an import): a
/// module that keeps something derived from the register in memory reads it before reading the
/// database and compares it later, and reloads when it moved (the gates' pass ledger does). One per
/// app; every path that writes residents advances it: EF saves through the register's write watch
/// (AddRegister), and the import's SQL after its commit.
/// </summary>
[ModuleContract]
public sealed class RegisterGeneration
{
    private long _value;

    public long Current => Volatile.Read(ref _value);

    public void Advance() => Interlocked.Increment(ref _value);
}
