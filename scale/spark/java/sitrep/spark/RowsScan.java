// How Spark scans the row reader's rows (docs/scale.md, "The row reader"): a planner strategy that
// turns the reader's LogicalRDD into a scan passing its rows on as they are. Spark's own scan of
// an RDD (RDDScanExec) copies every row into a new binary row through a generated projection;
// the reader's rows are binary rows of the scan's schema already, so the copy is pure cost (7%
// of the tasks' time). Only an RDD named NAME is planned so; the strategy declines everything
// else, which Spark then plans as usual.
package sitrep.spark;

import java.util.Iterator;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.ExperimentalMethods;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.SortOrder;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.SparkStrategy;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.execution.metric.SQLMetrics;
import scala.collection.immutable.Seq;

public final class RowsScan {
    private RowsScan() {}

    /** A Scala list of the items (Spark's planner API takes and returns Scala sequences). */
    @SafeVarargs
    static <T> Seq<T> seq(T... items) {
        return scala.jdk.javaapi.CollectionConverters.asScala(java.util.Arrays.asList(items)).toList();
    }

    /** The name of an RDD whose elements are UnsafeRows of its LogicalRDD's output. */
    static final String NAME = "sitrep rows";

    /** Adds the strategy to the session's planner, once. */
    static void install(org.apache.spark.sql.classic.SparkSession spark) {
        ExperimentalMethods x = spark.experimental();
        Seq<SparkStrategy> strategies = x.extraStrategies();
        for (int i = 0; i < strategies.length(); i++) {
            if (strategies.apply(i) instanceof Strategy) return;
        }
        x.extraStrategies_$eq(strategies.appended(new Strategy()).toList());
    }

    /** Plans a LogicalRDD named NAME as a Scan; declines every other plan. */
    static final class Strategy extends SparkStrategy {
        @Override
        public Seq<SparkPlan> apply(LogicalPlan plan) {
            if (plan instanceof LogicalRDD) {
                LogicalRDD l = (LogicalRDD) plan;
                if (NAME.equals(l.rdd().name())) {
                    return seq(new Scan(l.output(), l.rdd(), l.outputOrdering()));
                }
            }
            return seq();
        }
    }

    /** Spark's RDD scan (RDDScanExec) without its copy of every row: the rows are counted into
     *  the scan's output metric and passed on, in the order the LogicalRDD declares. Its
     *  constructor's arguments are its product's elements, as Spark's plan rules expect when
     *  they copy a node by reflection. */
    public static final class Scan extends SparkPlan {
        private static final long serialVersionUID = 1L;
        private final Seq<Attribute> output;
        private final transient RDD<InternalRow> rdd;
        private final Seq<SortOrder> ordering;
        private final scala.collection.immutable.Map<String, SQLMetric> metrics;

        public Scan(Seq<Attribute> output, RDD<InternalRow> rdd, Seq<SortOrder> ordering) {
            this.output = output;
            this.rdd = rdd;
            this.ordering = ordering;
            SQLMetric rows = SQLMetrics.createMetric(rdd.sparkContext(), "number of output rows");
            this.metrics = new scala.collection.immutable.Map.Map1<>("numOutputRows", rows);
        }

        @Override
        public Seq<Attribute> output() {
            return output;
        }

        @Override
        public Seq<SortOrder> outputOrdering() {
            return ordering;
        }

        @Override
        public scala.collection.immutable.Map<String, SQLMetric> metrics() {
            return metrics;
        }

        @Override
        public Seq<SparkPlan> children() {
            return seq();
        }

        @Override
        public SparkPlan withNewChildrenInternal(scala.collection.immutable.IndexedSeq<SparkPlan> children) {
            return this;
        }

        @Override
        public RDD<InternalRow> doExecute() {
            SQLMetric rows = metrics.apply("numOutputRows");
            return rdd.toJavaRDD().mapPartitions(it -> new Counted(it, rows)).rdd();
        }

        @Override
        public String nodeName() {
            return "Scan sitrep rows";
        }

        @Override
        public int productArity() {
            return 3;
        }

        @Override
        public Object productElement(int n) {
            switch (n) {
                case 0: return output;
                case 1: return rdd;
                case 2: return ordering;
                default: throw new IndexOutOfBoundsException(String.valueOf(n));
            }
        }

        @Override
        public boolean canEqual(Object that) {
            return that instanceof Scan;
        }
    }

    /** The rows, each counted into the scan's metric as it is handed on. */
    static final class Counted implements Iterator<InternalRow> {
        final Iterator<InternalRow> rows;
        final SQLMetric count;

        Counted(Iterator<InternalRow> rows, SQLMetric count) {
            this.rows = rows;
            this.count = count;
        }

        public boolean hasNext() {
            return rows.hasNext();
        }

        public InternalRow next() {
            count.add(1);
            return rows.next();
        }
    }
}
