namespace WebMacs.Datapoints;

/// <summary>
/// Downsamples one event's series while the rows stream past, keeping only what it returns (reference §4.5): with
/// N rows and at most M points, N &gt; M keeps the rows at indices <c>floor(i · (N / M))</c> for i = 0 … M−2 and then
/// the newest row, so exactly M points come out and the newest is always kept. The step is computed in double
/// precision, as the original's Python does.
/// </summary>
internal sealed class SeriesSampler<T>(int count, int maxPoints)
{
    private readonly double step = (double)count / maxPoints;
    private readonly List<T> points = new(Math.Min(count, maxPoints));
    private int position;
    private int nextSample;

    /// <summary>Gets the kept points, oldest first.</summary>
    public IReadOnlyList<T> Points => points;

    /// <summary>Offers the next row (rows must arrive oldest first, <see cref="SeriesSampler{T}"/> counts them).</summary>
    public void Offer(T point)
    {
        var index = position++;
        if (count <= maxPoints)
        {
            points.Add(point);
            return;
        }

        if (index == count - 1)
        {
            points.Add(point);
        }
        else if (nextSample < maxPoints - 1 && index == (int)(nextSample * step))
        {
            points.Add(point);
            nextSample++;
        }
    }
}
