package news.timeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Draws {@code growth.sh}'s figures as an SVG line chart: each request's median against the timeline's size, the
 * sizes on a logarithmic axis. Arguments: growth.sh's output ({@code size<N>.<request>_ms=<median>} lines), the SVG
 * to write.
 */
public final class GrowthPlot {

    private static final Pattern FIGURE = Pattern.compile("size(\\d+)\\.(\\w+)_ms=([0-9.]+)");
    private static final String[] COLOURS = {"#1b6ca8", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d5a97"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 360;
    private static final int LEFT = 60;
    private static final int RIGHT = 250;
    private static final int TOP = 30;
    private static final int BOTTOM = 50;

    private GrowthPlot() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, TreeMap<Long, Double>> series = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            Matcher figure = FIGURE.matcher(line.trim());
            if (figure.matches()) {
                series.computeIfAbsent(figure.group(2).replace('_', ' '), name -> new TreeMap<>())
                        .put(Long.parseLong(figure.group(1)), Double.parseDouble(figure.group(3)));
            }
        }
        Files.writeString(Path.of(args[1]), svg(series));
    }

    private static String svg(Map<String, TreeMap<Long, Double>> series) {
        TreeSet<Long> sizes = new TreeSet<>();
        series.values().forEach(points -> sizes.addAll(points.keySet()));
        double top = Math.ceil(series.values().stream().flatMap(points -> points.values().stream())
                .mapToDouble(Double::doubleValue).max().orElse(1) / 5) * 5;
        double minLog = Math.log10(sizes.first());
        double spanLog = Math.max(1e-9, Math.log10(sizes.last()) - minLog);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
                        + "font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                        + "<text x=\"%d\" y=\"18\" font-size=\"14\">Median time of each request (ms) against the "
                        + "timeline's updates</text>%n", WIDTH, HEIGHT, LEFT));
        for (int tick = 0; tick <= 5; tick++) {
            double y = TOP + plotHeight - plotHeight * tick / 5.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>%n", LEFT, y, LEFT + plotWidth, y,
                    LEFT - 6, y + 4, top * tick / 5));
        }
        for (long size : sizes) {
            double x = LEFT + plotWidth * (Math.log10(size) - minLog) / spanLog;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%,d</text>%n",
                    x, TOP + plotHeight + 18, size));
        }
        int colour = 0;
        for (Map.Entry<String, TreeMap<Long, Double>> request : series.entrySet()) {
            String stroke = COLOURS[colour % COLOURS.length];
            List<String> points = new ArrayList<>();
            request.getValue().forEach((size, ms) -> points.add(String.format(Locale.ROOT, "%.1f,%.1f",
                    LEFT + plotWidth * (Math.log10(size) - minLog) / spanLog,
                    TOP + plotHeight - plotHeight * ms / top)));
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
                    + "points=\"%s\"/>%n<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", stroke,
                    String.join(" ", points), WIDTH - RIGHT + 16, TOP + 16 + 20 * colour, stroke, request.getKey()));
            colour++;
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">updates in the "
                + "timeline (logarithmic)</text>%n</svg>%n", LEFT + plotWidth / 2, HEIGHT - 8));
        return svg.toString();
    }
}
