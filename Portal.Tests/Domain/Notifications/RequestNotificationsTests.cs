using Portal.Domain.Identity;
using Portal.Domain.Notifications;
using Portal.Domain.Requests;
using Portal.Tests.Domain.Requests;

namespace Portal.Tests.Domain.Notifications;

public class RequestNotificationsTests
{
    [Fact]
    public void EveryAction_HasARow()
    {
        Assert.Empty(Enum.GetValues<RequestAction>().Except(RequestNotifications.Rules.Keys));
    }

    [Fact]
    public void TheEnterprise_IsToldOnlyOfWhatItMaySee_AndOfEveryStaffStepItMaySee()
    {
        var toldOfEverything = true;
        for (var seed = 0; seed < 300; seed++)
        {
            foreach (var entry in RequestHistoryTests.RandomHistory(seed).Timeline)
            {
                var enterpriseTold = RequestNotifications.For(entry).Contains(Audience.Enterprise);
                Assert.False(enterpriseTold && !entry.VisibleToEnterprise, $"{entry.Action} is internal but the enterprise would be told");
                // What the enterprise did itself, and evaluations staff recorded on its behalf, it need not hear of.
                var byStaff = entry.ActorRole != Roles.Enterprise && entry.Action != RequestAction.RecordFollowUpEvaluation;
                toldOfEverything &= !(entry.VisibleToEnterprise && byStaff && !enterpriseTold && entry.Action != RequestAction.Submit);
                Assert.True(toldOfEverything, $"{entry.Action} by {entry.ActorRole} is shown to the enterprise but it is not told");
            }
        }
    }
}
