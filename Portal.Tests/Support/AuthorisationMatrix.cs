using Portal.Domain;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Projects;
using Portal.Infrastructure.Requests;

namespace Portal.Tests.Support;

/// <summary>
/// What every authorisation matrix shares: a row per action with one letter per person of its cast —
/// O done, R refused with a reason, N not found — and a test case per (database, action, person).
/// </summary>
public static class AuthorisationMatrix
{
    public static TheoryData<DatabaseProvider, string, string> Cells(IEnumerable<string> actions, IEnumerable<string> people)
    {
        var data = new TheoryData<DatabaseProvider, string, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var action in actions)
            {
                foreach (var person in people)
                {
                    data.Add(provider, action, person);
                }
            }
        }
        return data;
    }

    /// <summary>The letters of a row, one per person of the cast, in the cast's order.</summary>
    public static string[] Letters(string expected) => expected.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>What a call came to, as a letter of the matrix; anything but these three is a failure, with its text.</summary>
    public static string OutcomeOf(Exception? failure) => failure switch
    {
        null => "O",
        RequestNotFoundException or ProjectNotFoundException or EnterpriseNotFoundException => "N",
        DomainException => "R",
        _ => $"failed with {failure}",
    };
}
