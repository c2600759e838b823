using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Portal.Domain;
using Portal.Domain.Projects;
using Portal.Infrastructure.Projects;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Projects;

/// <summary>
/// A project's name, planned investment (万元) and the date of each stage reached, for a new project or an edit.
/// The domain's own check runs before saving, so each problem shows next to its field in the user's language;
/// nothing typed is lost when saving is refused or the project changed meanwhile.
/// </summary>
public sealed partial class ProjectForm
{
    /// <summary>What the form starts with; null for a new project.</summary>
    [Parameter]
    public ProjectInput? Initial { get; set; }

    /// <summary>Saves the details; may throw <see cref="ProjectInvalidException"/>, <see cref="ProjectChangedException"/> or a refusal.</summary>
    [Parameter, EditorRequired]
    public Func<ProjectInput, Task> Save { get; set; } = default!;

    [Parameter]
    public EventCallback Cancel { get; set; }

    [Inject]
    private IStringLocalizer<ProjectResource> Text { get; set; } = default!;

    [Inject]
    private IStringLocalizer<RefusalResource> Refusal { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private FormModel _model = new();
    private readonly Dictionary<string, string> _errors = [];
    private string? _message;
    private bool _busy;
    private bool _started;

    protected override void OnParametersSet()
    {
        if (_started)
        {
            return;
        }
        _started = true;
        if (Initial is { } initial)
        {
            _model.Name = initial.Name;
            _model.Investment = initial.PlannedInvestment.ToString("0.##", CultureInfo.InvariantCulture);
            foreach (var (stage, date) in initial.StageDates)
            {
                _model.Dates[stage] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
        }
    }

    private async Task SubmitAsync()
    {
        if (_busy)
        {
            return;
        }
        _errors.Clear();
        _message = null;
        var input = Read();
        if (input is not null)
        {
            foreach (var problem in Project.Check(input.Name, input.PlannedInvestment, input.StageDates, Time.GetUtcNow()))
            {
                Show(problem);
            }
        }
        if (input is null || _errors.Count > 0)
        {
            return;
        }
        _busy = true;
        try
        {
            await Save(input);
        }
        catch (ProjectInvalidException invalid)
        {
            foreach (var problem in invalid.Problems)
            {
                Show(problem);
            }
        }
        catch (ProjectChangedException)
        {
            _message = Text["Form.Changed"];
        }
        catch (DomainException refused)
        {
            _message = Refusal.Describe(refused);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>The input as typed, or null with the fields that could not be read marked.</summary>
    private ProjectInput? Read()
    {
        var investment = 0m;
        var text = _model.Investment?.Trim() ?? "";
        if (text.Length == 0)
        {
            _errors[Project.InvestmentField] = Text["Problem.InvestmentRequired"];
        }
        else if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out investment))
        {
            _errors[Project.InvestmentField] = Text["Problem.InvestmentNotANumber"];
        }
        var dates = new Dictionary<ProjectStage, DateOnly>();
        foreach (var (stage, value) in _model.Dates)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }
            if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                dates[stage] = date;
            }
            else
            {
                _errors[Project.StageField(stage)] = Text["Problem.DateNotADate"];
            }
        }
        return _errors.Count > 0 ? null : new ProjectInput(_model.Name, investment, dates);
    }

    private void Show(ProjectProblem problem)
    {
        var stage = Enum.GetValues<ProjectStage>().Where(s => Project.StageField(s) == problem.Field).Select(s => (ProjectStage?)s).FirstOrDefault();
        var text = Text["Problem." + problem.Code.Replace("Project.", "", StringComparison.Ordinal),
            stage is { } s ? Text["Stage." + s].Value : "", Project.NameMaxLength, Project.MaxInvestment.ToString("#,0.##", CultureInfo.CurrentCulture)];
        _errors.TryAdd(problem.Field, text.ResourceNotFound ? problem.Message : text.Value);
    }

    private sealed class FormModel
    {
        public string? Name { get; set; }
        public string? Investment { get; set; }
        public Dictionary<ProjectStage, string?> Dates { get; } = Enum.GetValues<ProjectStage>().ToDictionary(s => s, _ => (string?)null);
    }
}
