/*
 * metastorm: a metadata storm against a directory, the way file managers, media scanners and
 * build tools hit a mount, timed per operation. Prints one machine-readable line:
 *   metastorm mode=M entries=N ops=K seconds=S ops_per_s=R p50_us=.. p90_us=.. p99_us=.. max_us=..
 * Usage: metastorm stat|readdir|openclose DIR OPS [NAMES_DIR]
 *   stat       stat() of each entry of DIR in turn (the names are read once, before timing)
 *   readdir    opendir(), readdir() to the end, closedir() of DIR
 *   openclose  open(O_RDONLY) then close() of each regular file of DIR in turn
 * With NAMES_DIR, the names are read from that directory instead (a local twin of DIR), so a cold
 * run finds nothing of DIR cached by the listing that gathers them.
 * Exit status 1 when any operation fails (the failing path is printed on stderr).
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The paths under DIR of the entries of NAMES (regular files only with files_only). */
static char **list(const char *dir, const char *names, int files_only, long *count)
{
    DIR *d = opendir(names);
    if (d == NULL) {
        perror(names);
        exit(1);
    }
    long capacity = 1024, n = 0;
    char **paths = malloc(sizeof(char *) * capacity);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
            continue;
        }
        if (files_only && e->d_type != DT_REG) {
            continue;
        }
        if (n == capacity) {
            capacity *= 2;
            paths = realloc(paths, sizeof(char *) * capacity);
        }
        size_t length = strlen(dir) + strlen(e->d_name) + 2;
        paths[n] = malloc(length);
        snprintf(paths[n], length, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    *count = n;
    return paths;
}

static int read_all(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        return -1;
    }
    while (readdir(d) != NULL) {
    }
    return closedir(d);
}

static int open_close(const char *path)
{
    int fd = open(path, O_RDONLY);
    return fd < 0 ? -1 : close(fd);
}

int main(int argc, char **argv)
{
    if (argc != 4 && argc != 5) {
        fprintf(stderr, "usage: %s stat|readdir|openclose DIR OPS [NAMES_DIR]\n", argv[0]);
        return 2;
    }
    const char *mode = argv[1], *dir = argv[2], *names = argc == 5 ? argv[4] : argv[2];
    long ops = atol(argv[3]), entries = 0;
    int stats = strcmp(mode, "stat") == 0, readdirs = strcmp(mode, "readdir") == 0, opens = strcmp(mode, "openclose") == 0;
    if (!(stats || readdirs || opens) || ops <= 0) {
        fprintf(stderr, "usage: %s stat|readdir|openclose DIR OPS [NAMES_DIR]\n", argv[0]);
        return 2;
    }
    char **paths = readdirs ? NULL : list(dir, names, opens, &entries);
    if (!readdirs && entries == 0) {
        fprintf(stderr, "%s: no entries to work on\n", dir);
        return 1;
    }
    double *latency = malloc(sizeof(double) * ops);
    struct stat st;
    double start = now_us();
    for (long i = 0; i < ops; i++) {
        const char *path = readdirs ? dir : paths[i % entries];
        double before = now_us();
        int result = stats ? stat(path, &st) : readdirs ? read_all(path) : open_close(path);
        latency[i] = now_us() - before;
        if (result != 0) {
            perror(path);
            return 1;
        }
    }
    double seconds = (now_us() - start) / 1e6;
    if (readdirs) {
        entries = 0;
        free(list(dir, names, 0, &entries));
    }
    qsort(latency, ops, sizeof(double), compare);
    printf("metastorm mode=%s entries=%ld ops=%ld seconds=%.3f ops_per_s=%.0f p50_us=%.2f p90_us=%.2f p99_us=%.2f max_us=%.1f\n",
           mode, entries, ops, seconds, ops / seconds, latency[ops / 2], latency[ops * 9 / 10], latency[ops * 99 / 100], latency[ops - 1]);
    return 0;
}
