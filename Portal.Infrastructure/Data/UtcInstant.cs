using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Portal.Infrastructure.Data;

/// <summary>
/// SQLite cannot compare or order a <see cref="DateTimeOffset"/> in SQL, so there every instant is
/// stored as UTC ticks: sortable, comparable, exact.
/// </summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

/// <summary>PostgreSQL's <c>timestamptz</c> takes UTC instants only; any offset is normalised on the way in.</summary>
internal sealed class UtcOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    value => value.ToUniversalTime(),
    value => value);
