using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Features.Search;

namespace PublicPortal.Tests.Search;

/// <summary>
/// The index's own directory: files opened for searching are held in memory, files opened for merging are read with
/// positional reads on one shared handle. Either way every input, clone and slice keeps its own position, so none may
/// see bytes meant for another; only the input or slicer that opened a handle may close it, and a file held in memory
/// keeps no handle at all.
/// </summary>
public sealed class PositionalReadDirectoryTests : IDisposable
{
    private const string FileName = "data.bin";

    // Larger than a few read buffers (4 KB), so reads cross refills; a prime length so no read lines up by chance.
    private static readonly byte[] Bytes = MakeBytes(50_021);

    private readonly string _folder = RepositoryPaths.NewTempDirectory("portal-directory");
    private readonly PositionalReadDirectory _directory;

    public PositionalReadDirectoryTests()
    {
        _directory = new PositionalReadDirectory(new DirectoryInfo(_folder));
        using var output = _directory.CreateOutput(FileName, IOContext.DEFAULT);
        output.WriteBytes(Bytes, Bytes.Length);
    }

    public void Dispose()
    {
        _directory.Dispose();
        RepositoryPaths.DeleteQuietly(_folder);
    }

    private static byte[] MakeBytes(int length)
    {
        // Every byte depends on its offset, so a read from the wrong place shows.
        var bytes = new byte[length];
        for (var i = 0; i < length; i++) bytes[i] = (byte)((i * 31) ^ (i >> 8));
        return bytes;
    }

    private static byte[] Read(IndexInput input, long at, int count)
    {
        input.Seek(at);
        var buffer = new byte[count];
        input.ReadBytes(buffer, 0, count);
        return buffer;
    }

    private static byte[] Expected(long at, int count) => Bytes.AsSpan((int)at, count).ToArray();

    /// <summary>"searching": what a reader opens (held in memory); "merging": what a merge opens (read from disk).</summary>
    private static IOContext Context(string use) => use switch
    {
        "searching" => IOContext.READ,
        "merging" => new IOContext(new MergeInfo(1, Bytes.Length, false, 1)),
        _ => throw new ArgumentOutOfRangeException(nameof(use)),
    };

    private int HandlesOnTheFile() =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos().Count(fd => fd.LinkTarget == Path.Combine(_folder, FileName));

    [Theory]
    [InlineData("searching")]
    [InlineData("merging")]
    public void Reads_back_the_bytes_written_at_any_offset(string use)
    {
        using var input = _directory.OpenInput(FileName, Context(use));

        Assert.Equal(Bytes.Length, input.Length);
        foreach (var (at, count) in new[] { (0L, 1), (0L, Bytes.Length), (4095L, 2), (4096L, 4096), (12_345L, 9_000), (Bytes.Length - 7L, 7) })
            Assert.Equal(Expected(at, count), Read(input, at, count));
        // Backwards after forwards: a seek is a new position, not a continuation.
        Assert.Equal(Expected(100, 50), Read(input, 100, 50));
        Assert.Equal(100 + 50, input.Position);
    }

    [Theory]
    [InlineData("searching")]
    [InlineData("merging")]
    public void Reading_past_the_end_throws(string use)
    {
        using var input = _directory.OpenInput(FileName, Context(use));

        Assert.Throws<EndOfStreamException>(() => Read(input, Bytes.Length - 3, 4));
        Assert.Throws<EndOfStreamException>(() => Read(input, Bytes.Length - 3, 10_000)); // larger than the buffer: read directly
        input.Seek(Bytes.Length);
        Assert.Throws<EndOfStreamException>(() => input.ReadByte());
    }

    [Theory]
    [InlineData("searching")]
    [InlineData("merging")]
    public void A_slice_reads_its_own_range_and_ends_where_the_range_ends(string use)
    {
        using var slicer = _directory.CreateSlicer(FileName, Context(use));
        using var slice = slicer.OpenSlice("middle", 10_000, 20_000);

        Assert.Equal(20_000, slice.Length);
        Assert.Equal(Expected(10_000, 16), Read(slice, 0, 16));
        Assert.Equal(Expected(10_000 + 19_990, 10), Read(slice, 19_990, 10));
        Assert.Equal(Expected(10_000 + 5_000, 9_000), Read(slice, 5_000, 9_000));
        // The file goes on after the slice, but the slice does not.
        Assert.Throws<EndOfStreamException>(() => Read(slice, 19_990, 11));
        Assert.Throws<EndOfStreamException>(() => Read(slice, 0, 20_001));
    }

    [Theory]
    [InlineData("searching")]
    [InlineData("merging")]
    public void A_full_slice_reads_the_whole_file(string use)
    {
        using var slicer = _directory.CreateSlicer(FileName, Context(use));
#pragma warning disable CS0618 // Lucene marks it obsolete (3.x compound files) but still calls it: it must work.
        using var slice = slicer.OpenFullSlice();
#pragma warning restore CS0618

        Assert.Equal(Bytes.Length, slice.Length);
        Assert.Equal(Bytes, Read(slice, 0, Bytes.Length));
        Assert.Throws<EndOfStreamException>(() => Read(slice, Bytes.Length - 1, 2));
    }

    [Theory]
    [InlineData("searching")]
    [InlineData("merging")]
    public void Clones_and_slices_keep_their_own_positions(string use)
    {
        using var input = _directory.OpenInput(FileName, Context(use));
        using var slicer = _directory.CreateSlicer(FileName, Context(use));
        using var first = slicer.OpenSlice("first", 0, 25_000);
        using var second = slicer.OpenSlice("second", 25_000, 25_000);
        input.Seek(1_000);
        using var clone = (IndexInput)input.Clone();
        Assert.Equal(1_000, clone.Position);

        // Interleaved reads, each continuing from its own position: a shared file pointer would mix them up.
        clone.Seek(30_000);
        first.Seek(10);
        second.Seek(20);
        for (var step = 0; step < 20; step++)
        {
            var buffer = new byte[777];
            input.ReadBytes(buffer, 0, buffer.Length);
            Assert.Equal(Expected(1_000 + step * 777L, 777), buffer);
            clone.ReadBytes(buffer, 0, buffer.Length);
            Assert.Equal(Expected(30_000 + step * 777L, 777), buffer);
            first.ReadBytes(buffer, 0, buffer.Length);
            Assert.Equal(Expected(10 + step * 777L, 777), buffer);
            second.ReadBytes(buffer, 0, buffer.Length);
            Assert.Equal(Expected(25_000 + 20 + step * 777L, 777), buffer);
        }
    }

    [Theory]
    [InlineData("searching")]
    [InlineData("merging")]
    public void Concurrent_readers_each_get_the_right_bytes(string use)
    {
        using var input = _directory.OpenInput(FileName, Context(use));
        using var slicer = _directory.CreateSlicer(FileName, Context(use));
        const int offset = 3_333;
        using var slice = slicer.OpenSlice("tail", offset, Bytes.Length - offset);

        // Lucene gives each searching thread its own clone; all of them read through the one handle at once.
        var failures = 0;
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            var fromSlice = worker % 2 == 1;
            using var reader = (IndexInput)(fromSlice ? slice : input).Clone();
            var random = new Random(worker);
            for (var i = 0; i < 500; i++)
            {
                var count = random.Next(1, i % 10 == 0 ? 9_000 : 300);
                var at = random.Next(0, (int)reader.Length - count);
                if (!Read(reader, at, count).AsSpan().SequenceEqual(Expected(at + (fromSlice ? offset : 0), count)))
                    Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    [Theory]
    [InlineData("searching")]
    [InlineData("merging")]
    public void Disposing_a_clone_leaves_the_input_open(string use)
    {
        using var input = _directory.OpenInput(FileName, Context(use));
        var clone = (IndexInput)input.Clone();
        Assert.Equal(Expected(0, 10), Read(clone, 0, 10));
        ((IndexInput)clone.Clone()).Dispose();
        clone.Dispose();

        Assert.Equal(Expected(20_000, 9_000), Read(input, 20_000, 9_000));
        using var later = (IndexInput)input.Clone();
        Assert.Equal(Expected(40_000, 100), Read(later, 40_000, 100));
    }

    [Theory]
    [InlineData("searching")]
    [InlineData("merging")]
    public void Disposing_a_slice_or_its_clone_leaves_the_slicer_open(string use)
    {
        using var slicer = _directory.CreateSlicer(FileName, Context(use));
        var slice = slicer.OpenSlice("one", 100, 1_000);
        ((IndexInput)slice.Clone()).Dispose();
        Assert.Equal(Expected(100, 1_000), Read(slice, 0, 1_000));
        slice.Dispose();

        using var other = slicer.OpenSlice("two", 9_000, 10_000);
        Assert.Equal(Expected(9_000, 10_000), Read(other, 0, 10_000));
    }

    [Fact]
    public void The_input_that_opened_the_handle_closes_it()
    {
        // No handle is left open for the life of the process: once the owner is closed, its clones cannot read either.
        var input = _directory.OpenInput(FileName, Context("merging"));
        var clone = (IndexInput)input.Clone();
        Assert.Equal(1, HandlesOnTheFile());
        input.Dispose();
        Assert.Equal(0, HandlesOnTheFile());
        Assert.Throws<ObjectDisposedException>(() => Read(clone, 30_000, 100));

        var slicer = _directory.CreateSlicer(FileName, Context("merging"));
        var slice = slicer.OpenSlice("one", 0, 1_000);
        slicer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Read(slice, 0, 100));
    }

    [Fact]
    public void A_file_held_in_memory_keeps_no_handle_and_its_clones_read_on()
    {
        var input = _directory.OpenInput(FileName, Context("searching"));
        using var slicer = _directory.CreateSlicer(FileName, Context("searching"));
        Assert.Equal(0, HandlesOnTheFile());
        var clone = (IndexInput)input.Clone();
        input.Dispose();
        Assert.Equal(Expected(30_000, 100), Read(clone, 30_000, 100));
    }

    [Theory]
    [InlineData("searching")]
    [InlineData("merging")]
    public void Numbers_read_back_as_Lucene_wrote_them(string use)
    {
        const string name = "numbers.bin";
        using (var output = _directory.CreateOutput(name, IOContext.DEFAULT))
        {
            output.WriteInt16(-12_345);
            output.WriteInt32(int.MinValue + 7);
            output.WriteInt64(0x0102_0304_0506_0708L);
            output.WriteVInt32(300);
            output.WriteVInt64(long.MaxValue);
            output.WriteString("Làng gốm Bình Đức");
        }
        using var input = _directory.OpenInput(name, Context(use));
        Assert.Equal(-12_345, input.ReadInt16());
        Assert.Equal(int.MinValue + 7, input.ReadInt32());
        Assert.Equal(0x0102_0304_0506_0708L, input.ReadInt64());
        Assert.Equal(300, input.ReadVInt32());
        Assert.Equal(long.MaxValue, input.ReadVInt64());
        Assert.Equal("Làng gốm Bình Đức", input.ReadString());
        Assert.Equal(input.Length, input.Position);
        Assert.Throws<EndOfStreamException>(() => input.ReadInt32());
    }

    [Fact]
    public void Lucene_writes_and_reads_a_compound_file_index_through_it()
    {
        const int count = 300;
        using var analyzer = new WhitespaceAnalyzer(LuceneVersion.LUCENE_48);
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer) { UseCompoundFile = true }))
        {
            for (var i = 0; i < count; i++)
                writer.AddDocument([new StringField("id", $"item-{i}", Field.Store.YES), new TextField("text", $"word{i % 7} common {new string('x', i)}", Field.Store.YES)]);
            writer.Commit();
        }
        // The compound file is read through slices of one handle.
        Assert.Contains(_directory.ListAll(), name => name.EndsWith(".cfs", StringComparison.Ordinal));

        using var reader = DirectoryReader.Open(_directory);
        var searcher = new IndexSearcher(reader);
        Assert.Equal(count, reader.NumDocs);
        Assert.Equal(count, searcher.Search(new TermQuery(new Term("text", "common")), count).TotalHits);
        var sevens = searcher.Search(new TermQuery(new Term("text", "word3")), count);
        Assert.Equal(Enumerable.Range(0, count).Count(i => i % 7 == 3), sevens.TotalHits);
        foreach (var hit in sevens.ScoreDocs)
        {
            var document = searcher.Doc(hit.Doc);
            var i = int.Parse(document.Get("id", System.Globalization.CultureInfo.InvariantCulture)["item-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal($"word3 common {new string('x', i)}", document.Get("text", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
