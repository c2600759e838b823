using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Registration;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Registration;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;
using static Portal.Tests.Infrastructure.Registration.RegistrationPortals;

namespace Portal.Tests.Infrastructure.Registration;

/// <summary>
/// Every approval query and action, by each role and by an outsider of the same role, on a fresh registration:
/// for a user of 创普斯 (whose commissioner is commissioner@) and for a new enterprise. Done (O) or not found (N):
/// a registration outside the user's scope answers exactly as one that does not exist.
/// </summary>
public class RegistrationAuthorisationMatrixTests(RegistrationPortals portals) : IClassFixture<RegistrationPortals>
{
    private static readonly (string Name, string Email)[] Cast =
    [
        ("enterprise", "enterprise@yqby.test"),
        ("commissioner", "commissioner@yqby.test"),
        ("other commissioner", "commissioner2@yqby.test"),
        ("handler", "zrzy.handler@yqby.test"),
        ("cadre", "cadre@yqby.test"),
        ("supervisor", "supervisor@yqby.test"),
        ("admin", "admin@yqby.test"),
    ];

    private static readonly Row[] Matrix =
    [
        //                                                                                                          ent com com2 hnd cad sup adm
        new("ListKnown", Known: true, async c => (await AllPendingAsync(c.Approvals, c.User)).Any(r => r.Id == c.Id), "N   O   N    N   N   N   N"),
        new("ApproveKnown", Known: true, c => c.Approvals.ApproveAsync(c.User, c.Id, c.Details),                       "N   O   N    N   N   N   N"),
        new("RefuseKnown", Known: true, c => c.Approvals.RefuseAsync(c.User, c.Id, "非本企业员工"),                      "N   O   N    N   N   N   N"),
        new("ListNew", Known: false, async c => (await AllPendingAsync(c.Approvals, c.User)).Any(r => r.Id == c.Id), "N   N   N    N   N   O   N"),
        new("ApproveNew", Known: false, c => c.Approvals.ApproveAsync(c.User, c.Id, c.Details),                        "N   N   N    N   N   O   N"),
        new("RefuseNew", Known: false, c => c.Approvals.RefuseAsync(c.User, c.Id, "企业信息无法核实"),                   "N   N   N    N   N   O   N"),
    ];

    public static TheoryData<DatabaseProvider, string, string> Cells() =>
        AuthorisationMatrix.Cells(Matrix.Select(r => r.Action), Cast.Select(c => c.Name));

    [Fact]
    public void EveryApprovalAction_HasARow()
    {
        var actions = typeof(RegistrationApprovals).GetMethods()
            .Where(m => m.DeclaringType == typeof(RegistrationApprovals) && m.Name.EndsWith("Async", StringComparison.Ordinal))
            .Select(m => m.Name[..^"Async".Length])
            // Not about a registration: the applicant's own standing, and the choices of park and industry; applying
            // again is the applicant's own account's, its scope walked in ReapplicationTests.
            .Except(["StandingOf", "EnterpriseChoices", "Reapply"]);

        Assert.Empty(actions.Except(Matrix.Select(r => r.Action.Replace("Known", "").Replace("New", "").Replace("List", "Pending"))));
        Assert.All(Matrix, row => Assert.Equal(Cast.Length, AuthorisationMatrix.Letters(row.Expected).Length));
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Action_ByEachMemberOfTheCast_IsDoneOrNotFoundAsTheMatrixSays(DatabaseProvider provider, string action, string who)
    {
        var portal = await portals.ForAsync(provider);
        var row = Matrix.Single(r => r.Action == action);
        var column = Array.FindIndex(Cast, c => c.Name == who);
        var expected = AuthorisationMatrix.Letters(row.Expected)[column];
        var (_, id) = await RegisterAsync(portal, row.Known ? KnownCode : NewCode());
        var user = await portal.UserAsync(Cast[column].Email);
        var (parks, industries) = await Approvals(portal).EnterpriseChoicesAsync();
        var details = new NewEnterpriseDetails(parks[0].Id, industries[0].Id, false);

        var found = await row.Call(new Cell(Approvals(portal), user, id, details));

        Assert.True(expected == (found ? "O" : "N"), $"{action} by {who}: expected {expected}");
        var status = await portal.QueryAsync(db => db.Registrations.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());
        var changes = action.StartsWith("Approve", StringComparison.Ordinal) || action.StartsWith("Refuse", StringComparison.Ordinal);
        Assert.Equal(found && changes ? (action.StartsWith("Approve", StringComparison.Ordinal) ? RegistrationStatus.Approved : RegistrationStatus.Refused) : RegistrationStatus.Pending, status);
    }

    public sealed record Cell(RegistrationApprovals Approvals, PortalUser User, long Id, NewEnterpriseDetails Details);

    public sealed record Row(string Action, bool Known, Func<Cell, Task<bool>> Call, string Expected);
}
