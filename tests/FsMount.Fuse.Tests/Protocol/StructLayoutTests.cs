using System.Runtime.CompilerServices;
using FsMount.Fuse.Protocol;

namespace FsMount.Fuse.Tests.Protocol;

public sealed class StructLayoutTests
{
    [Fact]
    public void Structs_have_the_sizes_of_the_kernel_header()
    {
        Assert.Equal(40, Unsafe.SizeOf<InHeader>());
        Assert.Equal(16, Unsafe.SizeOf<OutHeader>());
        Assert.Equal(16, Unsafe.SizeOf<InitIn>());
        Assert.Equal(64, Unsafe.SizeOf<InitOut>());
        Assert.Equal(88, Unsafe.SizeOf<FuseAttr>());
        Assert.Equal(128, Unsafe.SizeOf<EntryOut>());
        Assert.Equal(104, Unsafe.SizeOf<AttrOut>());
        Assert.Equal(8, Unsafe.SizeOf<OpenIn>());
        Assert.Equal(16, Unsafe.SizeOf<OpenOut>());
        Assert.Equal(40, Unsafe.SizeOf<ReadIn>());
        Assert.Equal(24, Unsafe.SizeOf<ReleaseIn>());
        Assert.Equal(8, Unsafe.SizeOf<ForgetIn>());
        Assert.Equal(8, Unsafe.SizeOf<BatchForgetIn>());
        Assert.Equal(16, Unsafe.SizeOf<ForgetOne>());
        Assert.Equal(8, Unsafe.SizeOf<InterruptIn>());
        Assert.Equal(80, Unsafe.SizeOf<StatFsOut>());
        Assert.Equal(24, Unsafe.SizeOf<DirentHeader>());
    }

    [Fact]
    public void Entry_out_places_the_attributes_at_offset_40()
    {
        var entry = new EntryOut { Attr = new FuseAttr { Ino = 0x1122334455667788 } };
        var bytes = Support.FuseMessages.Body(entry);

        Assert.Equal(0x1122334455667788UL, BitConverter.ToUInt64(bytes, 40));
    }
}
