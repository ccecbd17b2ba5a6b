//! MEANTIME (English) scored as the official scorer does (whole documents) and over the region
//! MEANTIME annotates (title + first four body sentences); floors hold the measured figures
//! (see docs/benchmarks-time.md) and only rise. Skips when /work/shared is absent. `SITREP_TIME_ERRORS=1` prints every miss.

use std::path::Path;

const MEANTIME: &str = "/work/shared/eval/time/meantime-en.jsonl";

#[test]
fn meantime_floors() {
    if !Path::new(MEANTIME).exists() {
        eprintln!("skipping: {MEANTIME} not found");
        return;
    }
    let rep = sitrep_time::eval::eval_meantime(MEANTIME).expect("read MEANTIME");
    println!("{rep}");
    if std::env::var_os("SITREP_TIME_ERRORS").is_some() {
        for (id, text, gold, sys) in &rep.errors {
            println!("ERR {id}\t{text:?}\tgold={gold}\tsys={sys}");
        }
        for (id, text, value) in &rep.spurious {
            println!("FP  {id}\t{text:?}\t{value}");
        }
        for (id, text, gold, sys) in &rep.type_errors {
            println!("TYP {id}\t{text:?}\tgold={gold}\tsys={sys}");
        }
        for (id, text, value, context) in &rep.outside {
            println!("OUT {id}\t{text:?}\t{value}\t{context}");
        }
    }
    let (a, r) = (&rep.all, &rep.region);
    assert!(
        a.relaxed_span_f1 >= 0.546,
        "whole-doc relaxed span F1 {:.3}",
        a.relaxed_span_f1
    );
    assert!(a.value_f1 >= 0.492, "whole-doc value F1 {:.3}", a.value_f1);
    assert!(
        r.relaxed_span_f1 >= 0.910,
        "region relaxed span F1 {:.3}",
        r.relaxed_span_f1
    );
    assert!(r.value_f1 >= 0.823, "region value F1 {:.3}", r.value_f1);
    assert!(
        r.strict_span_f1 >= 0.864,
        "region strict span F1 {:.3}",
        r.strict_span_f1
    );
    assert!(
        r.type_accuracy >= 0.948,
        "region type accuracy {:.3}",
        r.type_accuracy
    );
}
