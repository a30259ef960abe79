/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_ALGORITHM_H
#define SELMCAST_ALGORITHM_H

#include "selmcast-selector.h"

/**
 * \file
 * \ingroup selmcast
 * SELMCAST: Algorithm 1 (BSP) and Algorithm 2 (SSP) of the paper.
 */

namespace ns3
{
namespace selmcast
{

/**
 * \ingroup selmcast
 * The options of SELMCAST; every default is the spec's decision.
 */
struct SelmcastOptions
{
    /**
     * Relative tolerance of the Pareto tests "does not exceed t": a value x passes when
     * x <= t (1 + epsilon).
     */
    double epsilon{1e-9};

    /**
     * Order of SSP tasks in the basic selection by tau_i.
     */
    enum class TauOrder
    {
        NonDecreasing, //!< the pseudocode's order (default)
        NonIncreasing  //!< the text's order
    };

    /**
     * Which plan R_j' is computed over in the SSP Pareto step.
     */
    enum class ParetoLoad
    {
        NewPlan, //!< y plus v_ij (default)
        OldPlan  //!< x plus v_ij, as printed in the pseudocode
    };

    /**
     * The comparison of the SSP keep rule "v_ij < eta v_i" (readings of Algorithm 2, issue 14).
     */
    enum class KeepCompare
    {
        Less,     //!< v_ij < eta v_i, as printed (default)
        LessEqual //!< v_ij <= eta v_i: "j holds at least (1 - eta) of the block"
    };

    /**
     * What v_ij of the SSP keep rule counts.
     */
    enum class KeepMeasure
    {
        Remaining, //!< the part still to deliver, as the notation defines v_ij (default)
        Received   //!< the part j already holds (v_i minus what remains)
    };

    /**
     * Whose volume the SSP keep rule reads.
     */
    enum class KeepScope
    {
        Receiver, //!< each receiver's own v_ij (default)
        Session   //!< the task's largest v_ij over its listed receivers, for every receiver
    };

    /**
     * Which dropped pairs the SSP Pareto step may re-add.
     */
    enum class ParetoScope
    {
        AllTasks, //!< every task's pairs of x not in y (default)
        NewTask   //!< only the new task's: tasks in flight keep what steps 1 and 2 gave them
    };

    /**
     * Which completion time bounds a re-added pair in the SSP Pareto step.
     */
    enum class ParetoDeadline
    {
        Own,   //!< the task's own t_i (default, as the paper states)
        Global //!< the largest t_i over G, as Algorithm 1's single t
    };

    /** SSP: a receiver holding more than (1 - eta) of a block stays selected; in [0, 1] */
    double eta{0.75};
    TauOrder tauOrder{TauOrder::NonDecreasing};         //!< SSP task order
    ParetoLoad paretoLoad{ParetoLoad::NewPlan};         //!< SSP Pareto load
    KeepCompare keepCompare{KeepCompare::Less};         //!< SSP keep rule's comparison
    KeepMeasure keepMeasure{KeepMeasure::Remaining};    //!< SSP keep rule's v_ij
    KeepScope keepScope{KeepScope::Receiver};           //!< SSP keep rule's scope
    ParetoScope paretoScope{ParetoScope::AllTasks};     //!< SSP Pareto step's candidates
    ParetoDeadline paretoDeadline{ParetoDeadline::Own}; //!< SSP Pareto step's bound

    /** \throws std::invalid_argument naming the option and its allowed range */
    void Validate() const;
};

/**
 * \ingroup selmcast
 * Set one reading of Algorithm 2 by the name an attribute or command line gives it (the first
 * value of each is the default): "TauOrder" non-decreasing | non-increasing, "ParetoLoad" new |
 * old, "KeepCompare" less | less-equal, "KeepMeasure" remaining | received, "KeepScope"
 * receiver | session, "ParetoScope" all | new, "ParetoDeadline" own | global.
 * \param options the options to change
 * \param name the reading
 * \param value its value
 * \throws std::invalid_argument "<name>: unknown '<value>', allowed: ..." (or naming the readings)
 */
void SetSspReading(SelmcastOptions& options, const std::string& name, const std::string& value);

/**
 * \ingroup selmcast
 * The order of SELMCAST's BSP basic selection, drawn as draws (a) and (b) of
 * model/selmcast-algorithm.cc document: shared by every selector that must draw as SELMCAST does.
 */
struct BasicOrder
{
    std::vector<uint32_t> senders; //!< senders, most forced receivers first, ties shuffled
    std::vector<uint32_t> rank;    //!< rank[j]: tie-break of receiver j, lower first
};

/**
 * \ingroup selmcast
 * Draw (a), the sender order, then (b), the receiver ranks.
 * \param forcedCount |D_i| for every sender i (its size is n)
 * \param rng the selector's generator
 * \return the order
 */
BasicOrder DrawBasicOrder(const std::vector<uint32_t>& forcedCount, Rng& rng);

/**
 * \ingroup selmcast
 * SELMCAST receiver selection.
 *
 * Ties are broken by a seeded shuffle followed by a stable sort, so that extra receivers are not
 * biased toward low worker ids.
 */
class SelmcastSelector : public Selector
{
  public:
    /** \param options the options (validated here) */
    explicit SelmcastSelector(SelmcastOptions options = SelmcastOptions());

    std::string GetName() const override;

    /** Algorithm 1: basic selection, then Pareto improvement at the estimated t. */
    Plan SelectRound(const Problem& problem, Rng& rng) const override;

    /** Algorithm 2: keep, select by drain time, Pareto re-add; drops are final. */
    SspDecision SelectOnReady(SspView& view, size_t newTask, Rng& rng) const override;

    /**
     * Algorithm 2 with no new task: the reading in which it also runs when a multicast ends.
     * Every task of the view is in flight (with ParetoScope::NewTask none is re-added to).
     * \param view the controller's view, updated in place
     * \param rng the only randomness used, drawn as SelectOnReady draws
     * \return the receivers each task lost
     * \throws std::invalid_argument for an invalid view
     */
    SspDecision Reselect(SspView& view, Rng& rng) const;

    /**
     * The SSP keep rule under the options' reading (forced pairs aside).
     * \param remaining v_ij as the caller tracks it: the part still to deliver
     * \param sessionRemaining the largest remaining volume among the task's listed receivers
     * \param volume v_i
     * \return true when the pair stays selected by delivery
     */
    bool KeepsByDelivery(double remaining, double sessionRemaining, double volume) const;

    /** \return the options in use */
    const SelmcastOptions& GetOptions() const;

  private:
    /**
     * Algorithm 2 (see selmcast-ssp.cc).
     * \param view the view, updated in place
     * \param newTask index of the new task, or view.tasks.size() for none
     * \param rng the only randomness used
     * \return the receivers each task lost
     */
    SspDecision SelectSsp(SspView& view, size_t newTask, Rng& rng) const;

    SelmcastOptions m_options; //!< options
};

} // namespace selmcast
} // namespace ns3

#endif // SELMCAST_ALGORITHM_H
