using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Data.Seeding;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Requests;

namespace Portal.Bench.Generate;

/// <summary>What was generated, for the person who ran it and for the tests.</summary>
public sealed record GenerationSummary(
    int Requests, int Enterprises, long Events, long Deadlines, long Notices, IReadOnlyDictionary<RequestState, int> ByState,
    int Open, int OpenOverdue, string QueueCommissionerEmail, int QueueCommissionerOpen, TimeSpan Elapsed)
{
    public string Describe() => $"""
        Generated {Requests:N0} requests in {Elapsed:h\:mm\:ss} for {Enterprises:N0} enterprises: {Events:N0} timeline entries, {Deadlines:N0} deadlines, {Notices:N0} notices.
        By state: {string.Join(", ", ByState.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value:N0}"))}.
        Open: {Open:N0}, of which {OpenOverdue:N0} past a running deadline.
        B1 signs in as {QueueCommissionerEmail} (password {Cast.Password}): {QueueCommissionerOpen:N0} open requests in their queue.
        """;
}

/// <summary>
/// bench/generate: migrates and seeds a PostgreSQL database the way the portal does, adds the benchmark's
/// people and enterprises, then plays N request histories through the domain (<see cref="HistorySimulator"/>)
/// and writes them with binary COPY (<see cref="BulkWriter"/>), simulating one batch while the previous one is written.
/// </summary>
public sealed class BenchGenerator(GeneratorOptions options, TextWriter progress)
{
    private const int BatchSize = 4000;
    private long _simulating;
    private long _writing;

    private static readonly Dictionary<string, double> CategoryWeights = new()
    {
        ["LAND"] = 18, ["FINANCE"] = 14, ["APPROVAL"] = 14, ["POLICY"] = 14, ["POWER"] = 10, ["TALENT"] = 8,
        ["ENERGY"] = 6, ["WATER"] = 5, ["LOGISTICS"] = 4, ["OTHER"] = 4, ["ENFORCEMENT"] = 3,
    };

    public async Task<GenerationSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var connectionString = PostgresOnly(options.ConnectionString);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await RefuseDataAsync(dataSource, connectionString, cancellationToken);

        progress.WriteLine("Applying the PostgreSQL migrations and the seed …");
        await using var services = Services(connectionString);
        await services.InitialisePortalDatabaseAsync(new SeedSettings(false, Cast.AdminEmail, Cast.Password), cancellationToken);

        var random = new Random(options.Seed);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await EnsureCastAsync(connection, services, random, cancellationToken);
        var (world, targetsJson) = await LoadWorldAsync(connection, services, random, cancellationToken);
        var queueCommissioner = await ScalarAsync<string>(connection,
            $"""SELECT "Id" FROM "AspNetUsers" WHERE "NormalizedEmail" = '{Cast.QueueCommissionerEmail.ToUpperInvariant()}'""", cancellationToken);

        progress.WriteLine($"Generating {options.Requests:N0} requests from {world.Until.AddYears(-3):yyyy-MM-dd} to {world.Until:yyyy-MM-dd} (seed {options.Seed}) …");
        var submissions = SubmissionTimes(random, world.Calendar, world.Until);
        var numbers = await NumbersAsync(connection, submissions, cancellationToken);
        var ids = new BulkWriter.Ids
        {
            Request = await MaxIdAsync(connection, "ServiceRequests", cancellationToken),
            Event = await MaxIdAsync(connection, "RequestEvents", cancellationToken),
            Deadline = await MaxIdAsync(connection, "RequestDeadlines", cancellationToken),
            CoHandler = await MaxIdAsync(connection, "RequestCoHandlers", cancellationToken),
            Notice = await MaxIdAsync(connection, "PortalNotifications", cancellationToken),
        };
        var tally = new Tally(world.Until, queueCommissioner);
        await ExecuteAsync(connection, "SET synchronous_commit = off", cancellationToken);
        var window = await LoadWindow.OpenAsync(connection, cancellationToken);
        progress.WriteLine($"Dropped {window.Indexes} indexes and {window.ForeignKeys} foreign keys of the request tables for the load; they are made again after it.");
        try
        {
            await LoadAsync(dataSource, world, numbers, submissions, ids, tally, targetsJson, cancellationToken);
        }
        finally
        {
            var restoring = Stopwatch.StartNew();
            await window.RestoreAsync(dataSource, what => { lock (progress) { progress.WriteLine($"  making {what} …"); } }, CancellationToken.None);
            progress.WriteLine($"Indexes and foreign keys made again in {restoring.Elapsed:m\\:ss}.");
        }

        progress.WriteLine("Setting the id sequences and request numbers, vacuuming and analysing …");
        foreach (var table in new[] { "ServiceRequests", "RequestEvents", "RequestDeadlines", "RequestCoHandlers", "PortalNotifications", "Enterprises" })
        {
            await ExecuteAsync(connection, $"""SELECT setval(pg_get_serial_sequence('"{table}"', 'Id'), GREATEST((SELECT MAX("Id") FROM "{table}"), 1))""", cancellationToken);
        }
        await SaveNumberSequencesAsync(connection, cancellationToken);
        // The rows were copied past the saves that mark the figures' rollup (decision 019): the portal builds it anew.
        await ExecuteAsync(connection, """DELETE FROM "FigureRollups" """, cancellationToken);
        // VACUUM as well as ANALYZE: freshly copied tables have no visibility map, so until autovacuum came by every
        // index-only scan (the queue's counts) would visit the table for each row, as a live database's would not.
        await ExecuteAsync(connection, """VACUUM (ANALYZE) "ServiceRequests", "RequestEvents", "RequestDeadlines", "RequestCoHandlers", "PortalNotifications", "Escalations", "Enterprises", "AspNetUsers" """, cancellationToken);

        var enterprises = (int)await ScalarAsync<long>(connection, """SELECT count(*) FROM "Enterprises" """, cancellationToken);
        return tally.Summary(options.Requests, enterprises, Cast.QueueCommissionerEmail, clock.Elapsed);
    }

    /// <summary>Simulates a batch on every core while the previous batch is written.</summary>
    private async Task LoadAsync(
        NpgsqlDataSource dataSource, World world, string[] numbers, DateTimeOffset[] submissions, BulkWriter.Ids ids, Tally tally,
        Dictionary<(int, Urgency), string> targetsJson, CancellationToken cancellationToken)
    {
        var bar = new ProgressBar(progress, options.Requests, interactive: ReferenceEquals(progress, Console.Error) && !Console.IsErrorRedirected);
        var connections = new List<NpgsqlConnection>();
        for (var i = 0; i < 4; i++)
        {
            var extra = await dataSource.OpenConnectionAsync(cancellationToken);
            await ExecuteAsync(extra, "SET synchronous_commit = off", cancellationToken);
            connections.Add(extra);
        }
        var writer = new BulkWriter(connections, targetsJson);
        var simulator = new HistorySimulator(world);
        var batches = Channel.CreateBounded<SimulatedRequest[]>(2);

        var producing = Task.Run(async () =>
        {
            try
            {
                for (var first = 0; first < options.Requests; first += BatchSize)
                {
                    var batch = new SimulatedRequest[Math.Min(BatchSize, options.Requests - first)];
                    var started = Stopwatch.GetTimestamp();
                    Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                    {
                        var index = first + i;
                        batch[i] = simulator.Simulate(numbers[index], submissions[index], new Random(RequestSeed(options.Seed, index)));
                    });
                    Interlocked.Add(ref _simulating, Stopwatch.GetTimestamp() - started);
                    await batches.Writer.WriteAsync(batch, cancellationToken);
                }
                batches.Writer.Complete();
            }
            catch (Exception e)
            {
                batches.Writer.Complete(e);
                throw;
            }
        }, cancellationToken);
        var written = 0;
        await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
        {
            var copying = Stopwatch.GetTimestamp();
            await writer.WriteAsync(batch, ids);
            _writing += Stopwatch.GetTimestamp() - copying;
            tally.Add(batch);
            written += batch.Length;
            bar.Report(written);
        }
        await producing;
        foreach (var extra in connections)
        {
            await extra.DisposeAsync();
        }
        progress.WriteLine($"Simulating took {Stopwatch.GetElapsedTime(0, _simulating):m\\:ss}, writing {Stopwatch.GetElapsedTime(0, _writing):m\\:ss} (side by side).");
    }

    /// <summary>A random per request, from the seed and its place: the same data whatever the threads do.</summary>
    private static int RequestSeed(int seed, int index) => unchecked((int)(((uint)seed * 2654435761u) ^ ((uint)index * 40503u + 0x9E3779B9u)));

    /// <summary>Refuses, with a message that says why, anything that is not a PostgreSQL connection string.</summary>
    public static string PostgresOnly(string connectionString)
    {
        const string example = "Host=127.0.0.1;Port=5432;Database=bench;Username=postgres;Password=…";
        var lower = connectionString.ToLowerInvariant();
        if (lower.Contains("data source") || lower.Contains("datasource") || lower.Contains("filename=") || lower.Contains("mode=memory")
            || lower.TrimEnd(';', ' ').EndsWith(".db", StringComparison.Ordinal) || lower.Contains(".sqlite"))
        {
            throw new GeneratorRefusal(
                $"This is a SQLite connection string: bench/generate needs PostgreSQL (the benchmarks measure the portal on PostgreSQL), e.g. \"{example}\".");
        }
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new GeneratorRefusal($"This is not a PostgreSQL connection string ({e.Message}): bench/generate needs PostgreSQL, e.g. \"{example}\".");
        }
        if (string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new GeneratorRefusal($"The connection string names no Host or no Database: bench/generate needs a PostgreSQL database, e.g. \"{example}\".");
        }
        return builder.ToString();
    }

    /// <summary>A database that already holds requests, or enterprises other than the demo ones, is refused unless --append.</summary>
    private async Task RefuseDataAsync(NpgsqlDataSource dataSource, string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (options.Append || !await ScalarAsync<bool>(connection, """SELECT to_regclass('"ServiceRequests"') IS NOT NULL""", cancellationToken))
        {
            return;
        }
        var requests = await ScalarAsync<long>(connection, """SELECT count(*) FROM "ServiceRequests" """, cancellationToken);
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM "Enterprises" WHERE NOT ("CreditCode" = ANY(@demo))""", connection);
        command.Parameters.AddWithValue("demo", DemoData.Enterprises.Select(e => e.CreditCode).ToArray());
        var enterprises = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        if (requests > 0 || enterprises > 0)
        {
            var where = new NpgsqlConnectionStringBuilder(connectionString);
            throw new GeneratorRefusal(
                $"The database {where.Host}:{where.Port}/{where.Database} already has data ({requests:N0} requests, {enterprises:N0} enterprises beyond the seed): "
                + "pass --append to add to it, or point --connection at an empty database.");
        }
    }

    private static ServiceProvider Services(string connectionString)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "portal-bench-generate");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Postgres),
            ["ConnectionStrings:Portal"] = connectionString,
            ["Email:PickupDirectory"] = Path.Combine(scratch, "mail"),
            ["Attachments:Directory"] = Path.Combine(scratch, "attachments"),
            ["Jobs:RunServer"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddPortalInfrastructure(configuration, AppContext.BaseDirectory);
        services.AddPortalIdentity();
        return services.BuildServiceProvider();
    }

    /// <summary>The staff, enterprises and enterprise users, unless an earlier run (this is --append) created them already.</summary>
    private async Task EnsureCastAsync(NpgsqlConnection connection, ServiceProvider services, Random random, CancellationToken cancellationToken)
    {
        var existingEmails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var reader = await new NpgsqlCommand("""SELECT "Email" FROM "AspNetUsers" WHERE "Email" IS NOT NULL""", connection).ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                existingEmails.Add(reader.GetString(0));
            }
        }
        if (existingEmails.Contains(Cast.QueueCommissionerEmail))
        {
            progress.WriteLine("The benchmark's people and enterprises are there already: adding requests only.");
            return;
        }

        var departments = await RowsAsync(connection, """SELECT "Id", "Code", "Name" FROM "Departments" ORDER BY "Id" """,
            r => (r.GetInt32(0), r.GetString(1), r.GetString(2)), cancellationToken);
        var parks = await RowsAsync(connection, """SELECT "Id" FROM "Parks" ORDER BY "Id" """, r => r.GetInt32(0), cancellationToken);
        var industries = await RowsAsync(connection, """SELECT "Id", "Name" FROM "Industries" ORDER BY "Id" """, r => (r.GetInt32(0), r.GetString(1)), cancellationToken);
        var roles = (await RowsAsync(connection, """SELECT "Name", "Id" FROM "AspNetRoles" """, r => (r.GetString(0), r.GetString(1)), cancellationToken))
            .ToDictionary(r => r.Item1, r => r.Item2);
        var codes = (await RowsAsync(connection, """SELECT "CreditCode" FROM "Enterprises" """, r => r.GetString(0), cancellationToken)).ToHashSet();
        var firstEnterprise = (int)await MaxIdAsync(connection, "Enterprises", cancellationToken) + 1;

        var staff = Cast.Staff(random, departments);
        progress.WriteLine($"Creating {staff.Count:N0} staff, {options.Enterprises:N0} enterprises and a user for each …");
        var commissioners = staff.Where(p => p.Role == Roles.Commissioner).Select(p => p.Id).ToList();
        var queueCommissioner = staff.Single(p => p.Email == Cast.QueueCommissionerEmail).Id;
        var enterprises = Cast.Enterprises(random, options.Enterprises, firstEnterprise, parks, industries,
            commissioners.Where(c => c != queueCommissioner).ToList(), queueCommissioner,
            staff.Where(p => p.Role == Roles.Cadre).Select(p => p.Id).ToList(), codes);
        var enterpriseUsers = enterprises.Select(e => Cast.EnterpriseUser(random, e)).ToList();
        // Hashing is deliberately slow: one hash serves every generated account.
        var userManager = services.GetRequiredService<IServiceScopeFactory>().CreateScope().ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var passwordHash = userManager.PasswordHasher.HashPassword(new ApplicationUser(), Cast.Password);

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var newStaff = staff.Where(p => !existingEmails.Contains(p.Email)).ToList();
        CopyUsers(connection, newStaff, passwordHash, random);
        using (var copy = connection.BeginBinaryImport("""
            COPY "Enterprises" ("Id", "Name", "CreditCode", "ParkId", "IndustryId", "IsAboveScale", "CommissionerUserId", "CadreUserId") FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var e in enterprises)
            {
                copy.StartRow();
                copy.Write(e.Id, NpgsqlDbType.Integer);
                copy.Write(e.Name, NpgsqlDbType.Varchar);
                copy.Write(e.CreditCode, NpgsqlDbType.Varchar);
                copy.Write(e.ParkId, NpgsqlDbType.Integer);
                copy.Write(e.IndustryId, NpgsqlDbType.Integer);
                copy.Write(e.IsAboveScale, NpgsqlDbType.Boolean);
                WriteText(copy, e.CommissionerUserId);
                WriteText(copy, e.CadreUserId);
            }
            copy.Complete();
        }
        CopyUsers(connection, enterpriseUsers, passwordHash, random);
        using (var copy = connection.BeginBinaryImport("""COPY "AspNetUserRoles" ("UserId", "RoleId") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var person in newStaff.Concat(enterpriseUsers))
            {
                copy.StartRow();
                copy.Write(person.Id, NpgsqlDbType.Text);
                copy.Write(roles[person.Role], NpgsqlDbType.Text);
            }
            copy.Complete();
        }
        foreach (var head in newStaff.Where(p => p.Email.Contains(".head@", StringComparison.Ordinal)))
        {
            await using var appoint = new NpgsqlCommand("""UPDATE "Departments" SET "HeadUserId" = @head WHERE "Id" = @department AND "HeadUserId" IS NULL""", connection, transaction);
            appoint.Parameters.AddWithValue("head", head.Id);
            appoint.Parameters.AddWithValue("department", head.DepartmentId!.Value);
            await appoint.ExecuteNonQueryAsync(cancellationToken);
        }
        await ExecuteAsync(connection, """SELECT setval(pg_get_serial_sequence('"Enterprises"', 'Id'), GREATEST((SELECT MAX("Id") FROM "Enterprises"), 1))""", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static void CopyUsers(NpgsqlConnection connection, IEnumerable<Cast.Person> people, string passwordHash, Random random)
    {
        using var copy = connection.BeginBinaryImport("""
            COPY "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash",
                "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount",
                "DisplayName", "DepartmentId", "EnterpriseId", "MustChangePassword") FROM STDIN (FORMAT BINARY)
            """);
        foreach (var person in people)
        {
            copy.StartRow();
            copy.Write(person.Id, NpgsqlDbType.Text);
            copy.Write(person.Email, NpgsqlDbType.Varchar);
            copy.Write(person.Email.ToUpperInvariant(), NpgsqlDbType.Varchar);
            copy.Write(person.Email, NpgsqlDbType.Varchar);
            copy.Write(person.Email.ToUpperInvariant(), NpgsqlDbType.Varchar);
            copy.Write(true, NpgsqlDbType.Boolean);
            copy.Write(passwordHash, NpgsqlDbType.Text);
            copy.Write(Cast.GuidFrom(random).ToString("N").ToUpperInvariant(), NpgsqlDbType.Text);
            copy.Write(Cast.GuidFrom(random).ToString(), NpgsqlDbType.Text);
            copy.Write(false, NpgsqlDbType.Boolean);
            copy.Write(false, NpgsqlDbType.Boolean);
            copy.Write(true, NpgsqlDbType.Boolean);
            copy.Write(0, NpgsqlDbType.Integer);
            copy.Write(person.DisplayName, NpgsqlDbType.Varchar);
            if (person.DepartmentId is { } department)
            {
                copy.Write(department, NpgsqlDbType.Integer);
            }
            else
            {
                copy.WriteNull();
            }
            if (person.EnterpriseId is { } enterprise)
            {
                copy.Write(enterprise, NpgsqlDbType.Integer);
            }
            else
            {
                copy.WriteNull();
            }
            copy.Write(false, NpgsqlDbType.Boolean);
        }
        copy.Complete();
    }

    private async Task<(World World, Dictionary<(int, Urgency), string> TargetsJson)> LoadWorldAsync(
        NpgsqlConnection connection, ServiceProvider services, Random random, CancellationToken cancellationToken)
    {
        WorkCalendar calendar;
        await using (var scope = services.CreateAsyncScope())
        {
            calendar = await scope.ServiceProvider.GetRequiredService<WorkCalendarService>().GetCalendarAsync(cancellationToken);
        }
        var handlers = (await RowsAsync(connection, """SELECT "Id", "DepartmentId" FROM "AspNetUsers" WHERE "DepartmentId" IS NOT NULL AND "DeactivatedAt" IS NULL ORDER BY "Id" """,
            r => (Id: r.GetString(0), Department: r.GetInt32(1)), cancellationToken)).ToLookup(h => h.Department, h => h.Id);
        var departments = (await RowsAsync(connection, """SELECT "Id", "HeadUserId" FROM "Departments" ORDER BY "Id" """,
                r => (Id: r.GetInt32(0), Head: r.IsDBNull(1) ? null : r.GetString(1)), cancellationToken))
            .Where(d => handlers[d.Id].Any())
            .Select(d => new World.DepartmentStaff(d.Id, d.Head, [.. handlers[d.Id]]))
            .ToArray();
        var supervisors = await RowsAsync(connection, """
            SELECT u."Id" FROM "AspNetUsers" u JOIN "AspNetUserRoles" ur ON ur."UserId" = u."Id" JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
            WHERE r."Name" = 'Supervisor' AND u."DeactivatedAt" IS NULL ORDER BY u."Id"
            """, r => r.GetString(0), cancellationToken);
        var enterpriseUsers = (await RowsAsync(connection, """SELECT "Id", "EnterpriseId" FROM "AspNetUsers" WHERE "EnterpriseId" IS NOT NULL ORDER BY "Id" """,
            r => (Id: r.GetString(0), Enterprise: r.GetInt32(1)), cancellationToken)).ToLookup(u => u.Enterprise, u => u.Id);
        var enterprises = (await RowsAsync(connection, """SELECT "Id", "CommissionerUserId", "CadreUserId" FROM "Enterprises" ORDER BY "Id" """,
                r => (Id: r.GetInt32(0), Commissioner: r.IsDBNull(1) ? null : r.GetString(1), Cadre: r.IsDBNull(2) ? null : r.GetString(2)), cancellationToken))
            .Where(e => enterpriseUsers[e.Id].Any())
            .Select(e => new World.EnterpriseParty(e.Id, e.Commissioner, e.Cadre, [.. enterpriseUsers[e.Id]]))
            .ToArray();
        // Who raises the most is not who was created first.
        random.Shuffle(enterprises);

        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken);
        var categories = (await db.RequestCategories.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken))
            .Select(c => new World.Category(c.Id, c.Code,
                c.LeadDepartmentId is { } lead && departments.Any(d => d.Id == lead) ? lead : departments[0].Id,
                CategoryWeights.GetValueOrDefault(c.Code, 3)))
            .ToArray();
        var targets = (await db.TimeLimitPolicies.AsNoTracking().ToListAsync(cancellationToken))
            .ToDictionary(p => (p.CategoryId, p.Urgency), RequestTargets.From);
        // The portal's own converter writes the copied targets, so they read back as the portal stored them.
        var converter = db.Model.FindEntityType(typeof(ServiceRequest))!.FindProperty(nameof(ServiceRequest.Targets))!.GetValueConverter()!;
        var json = targets.ToDictionary(t => t.Key, t => (string)converter.ConvertToProvider(t.Value)!);
        if (departments.Length < 3 || supervisors.Count == 0 || enterprises.Length == 0)
        {
            throw new GeneratorRefusal("The database lacks the departments' handlers, supervisors or enterprise users the histories need.");
        }
        var world = new World
        {
            Calendar = calendar,
            Departments = departments,
            Supervisors = [.. supervisors],
            Enterprises = enterprises,
            Categories = categories,
            Targets = targets,
            Until = options.Until.ToOffset(WorkCalendar.Offset),
        };
        return (world, json);
    }

    /// <summary>
    /// When the requests were submitted, in order: over the three years before --until, more each month as the
    /// portal is taken up (twice as many at the end as on average at the start), mostly in working hours.
    /// </summary>
    private DateTimeOffset[] SubmissionTimes(Random random, WorkCalendar calendar, DateTimeOffset until)
    {
        var start = until.AddYears(-3);
        var span = (until - start).Ticks;
        var times = new DateTimeOffset[options.Requests];
        for (var i = 0; i < times.Length; i++)
        {
            DateTimeOffset at;
            var attempts = 0;
            do
            {
                // Density rising linearly from 0.5 to 1.5: the inverse of its distribution function.
                var x = -0.5 + Math.Sqrt(0.25 + 2 * random.NextDouble());
                at = start + TimeSpan.FromTicks((long)(x * span));
                at = new DateTimeOffset(at.Ticks - at.Ticks % TimeSpan.TicksPerMinute, at.Offset);
            }
            while (++attempts < 10 && !calendar.IsWorkingTime(at) && random.NextDouble() < 0.9);
            times[i] = at < until ? at : until.AddMinutes(-1);
        }
        Array.Sort(times);
        return times;
    }

    private readonly Dictionary<DateOnly, int> _lastNumbers = [];

    /// <summary>YQBY-yyyyMMdd-NNNN in submission order, each day's count going on from what the database gave out already.</summary>
    private async Task<string[]> NumbersAsync(NpgsqlConnection connection, DateTimeOffset[] submissions, CancellationToken cancellationToken)
    {
        foreach (var (day, last) in await RowsAsync(connection, """SELECT "Day", "LastValue" FROM "RequestNumberSequences" """,
                     r => (r.GetFieldValue<DateOnly>(0), r.GetInt32(1)), cancellationToken))
        {
            _lastNumbers[day] = last;
        }
        var numbers = new string[submissions.Length];
        for (var i = 0; i < submissions.Length; i++)
        {
            var day = WorkCalendar.DayOf(submissions[i]);
            var value = _lastNumbers.GetValueOrDefault(day) + 1;
            _lastNumbers[day] = value;
            numbers[i] = RequestNumbers.Format(day, value);
        }
        return numbers;
    }

    private async Task SaveNumberSequencesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO "RequestNumberSequences" ("Day", "LastValue") SELECT * FROM unnest(@days, @values)
            ON CONFLICT ("Day") DO UPDATE SET "LastValue" = GREATEST("RequestNumberSequences"."LastValue", EXCLUDED."LastValue")
            """, connection);
        command.Parameters.AddWithValue("days", _lastNumbers.Keys.ToArray());
        command.Parameters.AddWithValue("values", _lastNumbers.Values.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> MaxIdAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken) =>
        Convert.ToInt64(await ScalarAsync<object>(connection, $"""SELECT COALESCE(MAX("Id"), 0) FROM "{table}" """, cancellationToken));

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<T>> RowsAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    private static void WriteText(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, NpgsqlDbType.Varchar);
        }
    }

    /// <summary>What the batches held, counted as they are written.</summary>
    private sealed class Tally(DateTimeOffset until, string queueCommissioner)
    {
        private readonly Dictionary<RequestState, int> _byState = [];
        private long _events;
        private long _deadlines;
        private long _notices;
        private int _open;
        private int _overdue;
        private int _queueOpen;

        public void Add(IEnumerable<SimulatedRequest> batch)
        {
            foreach (var (request, notices) in batch)
            {
                _byState[request.State] = _byState.GetValueOrDefault(request.State) + 1;
                _events += request.Timeline.Count;
                _deadlines += request.Deadlines.Count;
                _notices += notices.Count;
                if (request.State is RequestState.Submitted or RequestState.Dispatched or RequestState.InProgress or RequestState.AwaitingEnterprise)
                {
                    _open++;
                    _queueOpen += request.CommissionerUserId == queueCommissioner ? 1 : 0;
                    _overdue += request.Deadlines.Any(d => d.IsOverdue(until)) ? 1 : 0;
                }
            }
        }

        public GenerationSummary Summary(int requests, int enterprises, string queueEmail, TimeSpan elapsed) =>
            new(requests, enterprises, _events, _deadlines, _notices, _byState, _open, _overdue, queueEmail, _queueOpen, elapsed);
    }
}
