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

    /** SSP: a receiver holding more than (1 - eta) of a block stays selected; in [0, 1] */
    double eta{0.75};
    TauOrder tauOrder{TauOrder::NonDecreasing}; //!< SSP task order
    ParetoLoad paretoLoad{ParetoLoad::NewPlan}; //!< SSP Pareto load

    /** \throws std::invalid_argument naming the option and its allowed range */
    void Validate() const;
};

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

    /** \return the options in use */
    const SelmcastOptions& GetOptions() const;

  private:
    SelmcastOptions m_options; //!< options
};

} // namespace selmcast
} // namespace ns3

#endif // SELMCAST_ALGORITHM_H
