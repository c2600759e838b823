using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Domain;
using Portal.Domain.Requests;
using Portal.Infrastructure.Requests;
using Portal.Web.Resources;

namespace Portal.Web.Features.Requests;

/// <summary>
/// What a user may do to a request now: a button for each action the domain allows them (<see cref="Allowed"/>) that
/// this component offers, each opening a form with labelled fields. The server checks every action again. Text
/// typed survives a refusal and a lost race: the page reloads the request and the form stays as it was.
/// Staff actions come as further cases of <see cref="Offered"/> and the form's switch.
/// </summary>
public sealed partial class RequestActions
{
    /// <summary>The actions this component has a form for; others the domain allows are left to other components.</summary>
    public static readonly IReadOnlySet<RequestAction> Offered = new HashSet<RequestAction>
    {
        RequestAction.Supplement, RequestAction.Urge, RequestAction.Withdraw, RequestAction.Evaluate,
    };

    [Parameter, EditorRequired]
    public string Number { get; set; } = "";

    /// <summary>The version the user sees: an action on an older one is a lost race.</summary>
    [Parameter, EditorRequired]
    public int Version { get; set; }

    [Parameter, EditorRequired]
    public IReadOnlyList<RequestAction> Allowed { get; set; } = [];

    [Parameter, EditorRequired]
    public PortalUser User { get; set; } = default!;

    /// <summary>After an action was taken, or the request changed under the user: the page reloads it.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    [Inject]
    private RequestService Requests { get; set; } = default!;

    [Inject]
    private IStringLocalizer<RequestResource> Text { get; set; } = default!;

    private RequestAction? _open;
    private ActionForm _form = new();
    private readonly Dictionary<string, string> _errors = [];
    private bool _busy;
    private (Severity Severity, string Message)? _result;

    private void Open(RequestAction action)
    {
        if (_open != action)
        {
            _open = action;
            _form = new();
            _errors.Clear();
        }
        _result = null;
    }

    private void Close()
    {
        _open = null;
        _errors.Clear();
    }

    private async Task SubmitAsync()
    {
        if (_open is not { } action || _busy)
        {
            return;
        }
        _errors.Clear();
        _result = null;
        Validate(action);
        if (_errors.Count > 0)
        {
            return;
        }
        _busy = true;
        try
        {
            await TakeAsync(action);
            _open = null;
            _form = new();
            _result = (Severity.Success, Text["Actions.Done." + action]);
            await Changed.InvokeAsync();
        }
        catch (RequestChangedException)
        {
            _result = (Severity.Warning, Text["Actions.Changed"]);
            await Changed.InvokeAsync();
        }
        catch (RequestNotFoundException)
        {
            _result = (Severity.Error, Text["Page.NotFound"]);
            await Changed.InvokeAsync();
        }
        catch (DomainException refused)
        {
            _result = (Severity.Error, refused.Message);
        }
        finally
        {
            _busy = false;
        }
    }

    private Task TakeAsync(RequestAction action) => action switch
    {
        RequestAction.Supplement => Requests.SupplementAsync(User, Number, Version, _form.Text),
        RequestAction.Urge => Requests.UrgeAsync(User, Number, Version, _form.Text),
        RequestAction.Withdraw => Requests.WithdrawAsync(User, Number, Version, _form.Text),
        RequestAction.Evaluate => Requests.EvaluateAsync(User, Number, Version, _form.Solved!.Value, _form.Satisfaction!.Value, _form.Text),
        _ => throw new InvalidOperationException($"{action} has no form here"),
    };

    private void Validate(RequestAction action)
    {
        var text = _form.Text?.Trim() ?? "";
        if (text.Length > RequestEvent.TextMaxLength)
        {
            _errors[nameof(ActionForm.Text)] = Text["Actions.TooLong", RequestEvent.TextMaxLength, text.Length];
        }
        switch (action)
        {
            case RequestAction.Supplement when text.Length == 0:
                _errors[nameof(ActionForm.Text)] = Text["Actions.Supplement.Required"];
                break;
            case RequestAction.Evaluate:
                if (_form.Solved is null)
                {
                    _errors[nameof(ActionForm.Solved)] = Text["Actions.Evaluate.SolvedRequired"];
                }
                if (_form.Satisfaction is null)
                {
                    _errors[nameof(ActionForm.Satisfaction)] = Text["Actions.Evaluate.SatisfactionRequired"];
                }
                // Whoever handles it again needs to know what is still wrong.
                if ((_form.Solved == false || _form.Satisfaction == Satisfaction.Unsatisfied) && text.Length == 0)
                {
                    _errors[nameof(ActionForm.Text)] = Text["Actions.Evaluate.CommentRequired"];
                }
                break;
        }
    }

    /// <summary>What the open form holds; kept across reloads of the request until the action succeeds.</summary>
    private sealed class ActionForm
    {
        public string? Text { get; set; }
        public bool? Solved { get; set; }
        public Satisfaction? Satisfaction { get; set; }
    }
}
