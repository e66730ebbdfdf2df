/*
 * mediascan: reads the head and the tail of every regular file under a directory, the way a media
 * library scanner (Plex, Jellyfin, ffprobe) probes a file, and prints one machine-readable line:
 *   mediascan files=N bytes=B seconds=S
 * Usage: mediascan DIR [BYTES]   (BYTES read at each end, default 65536)
 */
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static size_t probe_bytes = 65536;
static char *buffer;
static long files;
static long long bytes;
static int failures;

static int read_at(int fd, off_t offset)
{
    ssize_t n = pread(fd, buffer, probe_bytes, offset);
    if (n < 0) {
        return -1;
    }
    bytes += n;
    return 0;
}

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)ftw;
    if (type != FTW_F || !S_ISREG(st->st_mode)) {
        return 0;
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        perror(path);
        failures++;
        return 0;
    }
    off_t tail = st->st_size > (off_t)probe_bytes ? st->st_size - (off_t)probe_bytes : 0;
    if (read_at(fd, 0) != 0 || read_at(fd, tail) != 0) {
        perror(path);
        failures++;
    }
    close(fd);
    files++;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s DIR [BYTES]\n", argv[0]);
        return 2;
    }
    if (argc > 2) {
        probe_bytes = (size_t)strtoul(argv[2], NULL, 10);
    }
    buffer = malloc(probe_bytes);
    if (buffer == NULL) {
        return 1;
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    if (nftw(argv[1], visit, 16, FTW_PHYS) != 0) {
        perror(argv[1]);
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("mediascan files=%ld bytes=%lld seconds=%.3f\n", files, bytes, seconds);
    free(buffer);
    return failures == 0 ? 0 : 1;
}
