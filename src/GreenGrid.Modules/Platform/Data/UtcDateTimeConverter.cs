using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GreenGrid.Platform.Data;

/// <summary>Every instant is written as UTC and read back marked as UTC, on both providers.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    toStore => toStore.Kind == DateTimeKind.Utc ? toStore : toStore.ToUniversalTime(),
    fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));
