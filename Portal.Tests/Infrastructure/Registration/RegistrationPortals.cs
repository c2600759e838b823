using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Organisation;
using Portal.Domain.Registration;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Registration;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Registration;

/// <summary>A demo portal per provider, where each test registers applicants of its own.</summary>
public sealed class RegistrationPortals : IAsyncLifetime
{
    /// <summary>创普斯, looked after by commissioner@ (李明).</summary>
    public const string KnownCode = "91370405MA3C8K2L60";

    private readonly Dictionary<DatabaseProvider, SeededPortal> _portals = [];
    private readonly SemaphoreSlim _lock = new(1, 1);
    private static int _serial;

    public async Task<SeededPortal> ForAsync(DatabaseProvider provider)
    {
        await _lock.WaitAsync();
        try
        {
            if (!_portals.TryGetValue(provider, out var portal))
            {
                portal = await SeededPortal.CreateAsync(provider, demoData: true);
                _portals.Add(provider, portal);
            }
            return portal;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>A valid code no demo enterprise has: division 370405, a fresh organisation code, both check characters right.</summary>
    public static string NewCode()
    {
        var body = $"{Interlocked.Increment(ref _serial) + Random.Shared.Next(10_000, 99_999_999) * 10:D8}"[..8];
        var organisation = body + UnifiedSocialCreditCode.OrganisationCheckCharacter(body);
        var first17 = "91370405" + organisation;
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }

    /// <summary>Registers a fresh applicant through the service, as the register page does.</summary>
    public static async Task<(string UserId, long RegistrationId)> RegisterAsync(SeededPortal portal, string code, string enterpriseName = "枣庄新申请科技有限公司")
    {
        var email = $"applicant-{Guid.NewGuid():N}@example.cn";
        await using var scope = portal.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<Registrar>().RegisterAsync(
            new RegistrationInput("王申请", "139 0532 0001", email, "Canal#Boat-88", enterpriseName, code));
        Assert.True(result.Succeeded, string.Join(" ", result.Problems.Select(p => p.Error.Description)));
        var id = await portal.QueryAsync(db => db.Registrations.Where(r => r.ApplicantUserId == result.User!.Id).Select(r => r.Id).SingleAsync());
        return (result.User!.Id, id);
    }

    public static RegistrationApprovals Approvals(SeededPortal portal) => portal.Services.GetRequiredService<RegistrationApprovals>();

    /// <summary>Every registration the approver decides, read page after page as the approvals page does.</summary>
    public static Task<List<PendingRegistration>> AllPendingAsync(SeededPortal portal, PortalUser approver, int pageSize = RegistrationApprovals.DefaultPageSize) =>
        AllPendingAsync(Approvals(portal), approver, pageSize);

    public static async Task<List<PendingRegistration>> AllPendingAsync(RegistrationApprovals approvals, PortalUser approver, int pageSize = RegistrationApprovals.DefaultPageSize)
    {
        var all = new List<PendingRegistration>();
        long? after = null;
        do
        {
            var page = await approvals.PendingAsync(approver, after, pageSize);
            Assert.True(page.Rows.Count <= pageSize);
            Assert.True(page.Next is null || page.Rows.Count == pageSize, "Only a full page says there is more.");
            all.AddRange(page.Rows);
            after = page.Next;
        }
        while (after is not null);
        return all;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var portal in _portals.Values)
        {
            await portal.DisposeAsync();
        }
        _lock.Dispose();
    }
}
