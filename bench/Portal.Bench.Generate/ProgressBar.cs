using System.Diagnostics;

namespace Portal.Bench.Generate;

/// <summary>
/// A progress bar on stderr: redrawn in place a few times a second on a terminal, a line per tenth when
/// stderr is a file or a pipe (a test, a CI log).
/// </summary>
public sealed class ProgressBar(TextWriter output, long total, bool interactive)
{
    private const int Width = 30;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _drawnAt = TimeSpan.MinValue;
    private long _lastTenth = -1;

    public void Report(long done)
    {
        var elapsed = _clock.Elapsed;
        if (interactive)
        {
            if (done < total && elapsed - _drawnAt < TimeSpan.FromMilliseconds(250))
            {
                return;
            }
            _drawnAt = elapsed;
            output.Write($"\r{Line(done, elapsed)}");
            if (done >= total)
            {
                output.WriteLine();
            }
        }
        else
        {
            var tenth = total == 0 ? 10 : done * 10 / total;
            if (tenth != _lastTenth)
            {
                _lastTenth = tenth;
                output.WriteLine(Line(done, elapsed));
            }
        }
    }

    private string Line(long done, TimeSpan elapsed)
    {
        var fraction = total == 0 ? 1 : (double)done / total;
        var filled = (int)(fraction * Width);
        var eta = done == 0 ? "?" : Format(elapsed / fraction - elapsed);
        return $"[{new string('#', filled)}{new string('.', Width - filled)}] {fraction,4:P0} {done:N0}/{total:N0} requests  {Format(elapsed)} elapsed  ETA {eta}  ";
    }

    private static string Format(TimeSpan span) => span.TotalHours >= 1 ? span.ToString(@"h\:mm\:ss") : span.ToString(@"m\:ss");
}
