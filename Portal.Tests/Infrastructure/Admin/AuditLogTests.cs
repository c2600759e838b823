using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Infrastructure.Admin;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Admin;

/// <summary>The audit log on real SQLite and PostgreSQL: written with the change, found by its filters, paged, never changed.</summary>
public class AuditLogTests(SeededPortals portals) : IClassFixture<SeededPortals>
{
    private const string AdminEmail = "it@taierzhuang.gov.cn";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Record_IsSavedWithTheCallersChangeAndOnlyWithIt(DatabaseProvider provider)
    {
        var portal = await portals.ForAsync(provider);
        var admin = await portal.UserAsync(AdminEmail);
        var audit = portal.Services.GetRequiredService<AuditLog>();
        var marker = $"saved-{Guid.NewGuid():N}@example.cn";

        await using (var abandoned = await Context(portal))
        {
            await audit.RecordAsync(abandoned, admin, AuditKinds.UserChanged, AuditSubject.Account("x", marker + ".abandoned"), new { Role = "A" }, new { Role = "B" });
            // Never saved: the change it recorded did not happen, so neither does the entry.
        }
        await using (var db = await Context(portal))
        {
            await audit.RecordAsync(db, admin, AuditKinds.UserChanged, AuditSubject.Account("x", marker), new { 姓名 = "张三" }, new { 姓名 = "李四" });
            await db.SaveChangesAsync();
        }

        var page = await audit.SearchAsync(admin, new AuditQuery(User: marker), after: null);

        var row = Assert.Single(page.Rows);
        Assert.Equal(AdminEmail, row.ActorName);
        Assert.Equal(AuditKinds.UserChanged, row.Kind);
        Assert.Equal("{\"姓名\":\"张三\"}", row.Before);
        Assert.Equal("{\"姓名\":\"李四\"}", row.After);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Search_ByUserKindAndDays_PagesByKeysetWithoutRepeatsOrGaps(DatabaseProvider provider)
    {
        var portal = await portals.ForAsync(provider);
        var admin = await portal.UserAsync(AdminEmail);
        var audit = portal.Services.GetRequiredService<AuditLog>();
        var marker = $"paged-{Guid.NewGuid():N}@example.cn";
        for (var i = 0; i < 7; i++)
        {
            await audit.RecordSignInAsync(i % 2 == 0 ? AuditKinds.SignInFailed : AuditKinds.SignInSucceeded, null, marker, "127.0.0.1");
        }
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(WorkCalendar.Offset).DateTime);

        var failed = new List<AuditRow>();
        long? cursor = null;
        var pages = 0;
        do
        {
            var page = await audit.SearchAsync(admin, new AuditQuery(marker.ToUpperInvariant(), AuditKinds.SignInFailed, today, today), cursor, pageSize: 3);
            failed.AddRange(page.Rows);
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null);
        var yesterday = await audit.SearchAsync(admin, new AuditQuery(marker, null, today.AddDays(-1), today.AddDays(-1)), null);

        Assert.Equal(4, failed.Count);
        Assert.Equal(2, pages);
        Assert.All(failed, r => Assert.Equal(AuditKinds.SignInFailed, r.Kind));
        Assert.Equal(failed.Select(r => r.Id).OrderDescending(), failed.Select(r => r.Id));
        Assert.Equal(4, failed.Select(r => r.Id).Distinct().Count());
        Assert.Empty(yesterday.Rows);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheDatabase_RefusesToUpdateOrDeleteAnEntry_EvenInRawSql(DatabaseProvider provider)
    {
        var portal = await portals.ForAsync(provider);
        var audit = portal.Services.GetRequiredService<AuditLog>();
        var marker = $"raw-{Guid.NewGuid():N}@example.cn";
        await audit.RecordSignInAsync(AuditKinds.SignInFailed, null, marker, "10.0.0.1");
        await using var db = await Context(portal);

        var update = await Assert.ThrowsAnyAsync<Exception>(() =>
            db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Kind\" = 'SignIn.Succeeded' WHERE \"ActorName\" = {0}", marker));
        var delete = await Assert.ThrowsAnyAsync<Exception>(() =>
            db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\" WHERE \"ActorName\" = {0}", marker));

        Assert.Contains(AuditTriggers.Refusal, update.Message);
        Assert.Contains(AuditTriggers.Refusal, delete.Message);
        var kept = await db.AuditEntries.Where(e => e.ActorName == marker).Select(e => e.Kind).SingleAsync();
        Assert.Equal(AuditKinds.SignInFailed, kept);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheContext_RefusesToSaveADeletedEntry(DatabaseProvider provider)
    {
        var portal = await portals.ForAsync(provider);
        var audit = portal.Services.GetRequiredService<AuditLog>();
        var marker = $"ef-{Guid.NewGuid():N}@example.cn";
        await audit.RecordSignInAsync(AuditKinds.SignInFailed, null, marker, null);
        await using var db = await Context(portal);
        db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(e => e.ActorName == marker));

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("append-only", refusal.Message);
    }

    [Theory]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.Commissioner)]
    [InlineData(Roles.Enterprise)]
    public async Task Search_ByAnyoneButAnAdmin_IsRefused(string role)
    {
        var portal = await portals.ForAsync(DatabaseProvider.Sqlite);
        var audit = portal.Services.GetRequiredService<AuditLog>();
        var reader = new PortalUser("someone", role);

        await Assert.ThrowsAsync<AdminOnlyException>(() => audit.SearchAsync(reader, new AuditQuery(), null));
        await Assert.ThrowsAsync<AdminOnlyException>(async () =>
        {
            await foreach (var _ in audit.ExportAsync(reader, new AuditQuery()))
            {
            }
        });
    }

    private static Task<PortalDbContext> Context(SeededPortal portal) =>
        portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
}
