using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Portal.Infrastructure.Data;

/// <summary>What a failed save means, the same on both databases.</summary>
public static class DatabaseErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>
    /// A unique key refused a row. When two people act on one aggregate at once, the loser's new child
    /// rows (the next timeline entry, the next deadline generation) can collide with the winner's
    /// before its version check runs: the same lost race as a concurrency conflict.
    /// </summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
            && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        _ => false,
    };

    /// <summary>
    /// A repeatable-read transaction of PostgreSQL found a row it meant to change changed since its snapshot by another,
    /// which committed first: the same lost race, seen by a statement rather than a save.
    /// </summary>
    public static bool IsSerializationFailure(Exception exception) =>
        (exception as PostgresException ?? exception.InnerException as PostgresException)?.SqlState == PostgresErrorCodes.SerializationFailure;

    /// <summary>Someone else changed the same rows first: a concurrency token moved, or a unique key was taken.</summary>
    public static bool IsLostRace(DbUpdateException exception) =>
        exception is DbUpdateConcurrencyException || IsUniqueViolation(exception);
}
