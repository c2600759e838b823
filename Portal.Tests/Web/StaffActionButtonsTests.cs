using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;
using Portal.Tests.Infrastructure.Requests;
using Portal.Tests.Support;
using Stage = Portal.Tests.Infrastructure.Requests.RequestAuthorisationMatrixTests.Stage;

namespace Portal.Tests.Web;

/// <summary>
/// The buttons each party to a request sees on its page in each state, on real seeded data: exactly the actions the
/// lifecycle table and the party's part in the request allow, nothing more (see docs/workspace.md).
/// </summary>
public class StaffActionButtonsTests : ComponentTest
{
    private RequestAuthorisationMatrixTests.StagedPortal _staged = null!;

    /// <summary>Who looks, by the cast of <see cref="RequestAuthorisationMatrixTests"/>: 创普斯's commissioner and cadre, 自然资源局 leading, 发改局 co-handling.</summary>
    private static readonly (string Role, string Email)[] Lookers =
    [
        ("commissioner", "commissioner@yqby.test"),
        ("dept handler", "zrzy.handler@yqby.test"),
        ("dept head", "zrzy.head@yqby.test"),
        ("co-handler dept", "fgj.handler@yqby.test"),
        ("supervisor", "supervisor@yqby.test"),
        ("cadre", "cadre@yqby.test"),
        ("enterprise", "enterprise@yqby.test"),
    ];

    public static TheoryData<Stage, string> Expected => new()
    {
        {
            Stage.Submitted, """
            commissioner: Dispatch HandleDirectly PublicReply InternalNote
            dept handler: (not found)
            dept head: (not found)
            co-handler dept: (not found)
            supervisor: Dispatch Reassign PublicReply InternalNote Supervise
            cadre: InternalNote Supervise
            enterprise: Withdraw Urge
            """
        },
        {
            Stage.Dispatched, """
            commissioner: Transfer AddCoHandler PublicReply InternalNote
            dept handler: Sign Return AddCoHandler PublicReply InternalNote
            dept head: Sign Return Distribute AddCoHandler PublicReply InternalNote
            co-handler dept: CoHandlerReply InternalNote
            supervisor: Transfer Reassign AddCoHandler WaiveCoHandlerReply PublicReply InternalNote Supervise
            cadre: InternalNote Supervise
            enterprise: Withdraw Urge
            """
        },
        {
            Stage.InProgress, """
            commissioner: Transfer AddCoHandler PublicReply InternalNote
            dept handler: Return AddCoHandler AskForMaterials PublicReply InternalNote RequestExtension
            dept head: Return Distribute AddCoHandler AskForMaterials PublicReply InternalNote RequestExtension
            co-handler dept: CoHandlerReply InternalNote
            supervisor: Transfer Reassign AddCoHandler WaiveCoHandlerReply PublicReply InternalNote Supervise
            cadre: InternalNote Supervise
            enterprise: Withdraw Urge
            """
        },
        {
            Stage.ExtensionRequested, """
            commissioner: Transfer AddCoHandler PublicReply InternalNote
            dept handler: Return AddCoHandler AskForMaterials PublicReply InternalNote
            dept head: Return Distribute AddCoHandler AskForMaterials PublicReply InternalNote
            co-handler dept: CoHandlerReply InternalNote
            supervisor: Transfer Reassign AddCoHandler WaiveCoHandlerReply PublicReply InternalNote ApproveExtension DenyExtension Supervise
            cadre: InternalNote Supervise
            enterprise: Withdraw Urge
            """
        },
        {
            Stage.AwaitingEnterprise, """
            commissioner: PublicReply InternalNote
            dept handler: PublicReply InternalNote
            dept head: PublicReply InternalNote
            co-handler dept: CoHandlerReply InternalNote
            supervisor: Reassign WaiveCoHandlerReply PublicReply InternalNote Supervise
            cadre: InternalNote Supervise
            enterprise: Supplement Withdraw Urge
            """
        },
        {
            Stage.CoHandlerReplied, """
            commissioner: Transfer AddCoHandler PublicReply InternalNote
            dept handler: Return AddCoHandler AskForMaterials PublicReply InternalNote RequestExtension Resolve
            dept head: Return Distribute AddCoHandler AskForMaterials PublicReply InternalNote RequestExtension Resolve
            co-handler dept: InternalNote
            supervisor: Transfer Reassign AddCoHandler PublicReply InternalNote Supervise
            cadre: InternalNote Supervise
            enterprise: Withdraw Urge
            """
        },
        {
            Stage.Resolved, """
            commissioner: InternalNote
            dept handler: InternalNote
            dept head: InternalNote
            co-handler dept: InternalNote
            supervisor: InternalNote
            cadre: InternalNote
            enterprise: Evaluate
            """
        },
        {
            Stage.ResolvedFromAPhoneCall, """
            commissioner: InternalNote RecordFollowUpEvaluation
            dept handler: InternalNote
            dept head: InternalNote
            co-handler dept: (not found)
            supervisor: InternalNote RecordFollowUpEvaluation
            cadre: InternalNote
            enterprise: Evaluate
            """
        },
        {
            Stage.UnderReview, """
            commissioner: InternalNote
            dept handler: InternalNote
            dept head: InternalNote
            co-handler dept: InternalNote
            supervisor: InternalNote ReviewDispute
            cadre: InternalNote
            enterprise: -
            """
        },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public async Task EachParty_SeesExactlyTheActionsItsRoleAndTheStateAllow(Stage stage, string expected)
    {
        var (portal, time) = await SeededPortal.OnFakeClockAsync(DatabaseProvider.Sqlite);
        _staged = await RequestAuthorisationMatrixTests.StagedPortal.CreateAsync(portal, time);
        var (number, _) = await _staged.StageAsync(stage);
        AddRequestPageServices(portal.Services);
        var authorization = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var seen = new List<string>();
        foreach (var (role, email) in Lookers)
        {
            var user = await portal.UserAsync(email);
            var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user.Id) };
            if (user.EnterpriseId is { } enterprise)
            {
                claims.Add(new(PortalClaims.EnterpriseId, enterprise.ToString(CultureInfo.InvariantCulture)));
            }
            if (user.DepartmentId is { } department)
            {
                claims.Add(new(PortalClaims.DepartmentId, department.ToString(CultureInfo.InvariantCulture)));
            }
            authorization.SetAuthorized(email).SetRoles(user.Role).SetClaims([.. claims]);
            var page = RenderRequestPage(number!);
            page.WaitForAssertion(() => Assert.True(page.FindAll("[data-testid='request-state']").Count > 0 || page.Markup.Contains("诉求不存在")));
            var buttons = page.FindAll("[data-action-button]").Select(b => b.GetAttribute("data-action-button")!).ToList();
            var found = page.FindAll("[data-testid='request-state']").Count > 0;
            seen.Add($"{role}: {(!found ? "(not found)" : buttons.Count == 0 ? "-" : string.Join(' ', buttons))}");
            await DisposeComponentsAsync();
        }

        Assert.Equal(expected.ReplaceLineEndings("\n").Trim(), string.Join('\n', seen));
    }

    protected override ValueTask DisposeTestResourcesAsync() => _staged?.Portal.DisposeAsync() ?? ValueTask.CompletedTask;
}
